import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/api/types/pod.js";
import { nodeResourcesFit } from "../../../../src/scheduler/plugins/node-resources-fit.js";
import { cycleState, newNode, newPod, nodeInfo } from "../builders.js";

const node = newNode("n", { cpu: "2", memory: "4Gi", pods: "3" });

describe("NodeResourcesFit", () => {
  it.each<[string, Pod, Pod[], string[]]>([
    ["fits on an empty node", newPod("p", { cpu: "1", memory: "1Gi" }), [], []],
    ["fits exactly what is left", newPod("p", { cpu: "500m" }), [newPod("a", { cpu: "1500m" })], []],
    ["lacks cpu", newPod("p", { cpu: "2100m" }), [], ["Insufficient cpu"]],
    ["lacks cpu after other pods", newPod("p", { cpu: "1" }), [newPod("a", { cpu: "1500m" })], ["Insufficient cpu"]],
    ["lacks memory", newPod("p", { memory: "5Gi" }), [], ["Insufficient memory"]],
    ["lacks both", newPod("p", { cpu: "3", memory: "5Gi" }), [], ["Insufficient cpu", "Insufficient memory"]],
    ["a pod without requests always fits", newPod("p"), [newPod("a", { cpu: "2", memory: "4Gi" })], []],
    ["has no pod slot left", newPod("p"), [newPod("a"), newPod("b"), newPod("c")], ["Too many pods"]],
    [
      "counts the largest init container",
      newPod("p", {
        cpu: "100m",
        spec: { initContainers: [{ name: "i", image: "x", resources: { requests: { cpu: "3" } } }] },
      }),
      [],
      ["Insufficient cpu"],
    ],
  ])("%s", (_, pod, placed, reasons) => {
    expect(nodeResourcesFit.filter(pod, nodeInfo(node, ...placed), cycleState(pod)).reasons).toEqual(reasons);
  });
});
