import { describe, expect, it } from "vitest";
import type { Toleration } from "../../../../src/api/types/pod.js";
import { nodeReady } from "../../../../src/scheduler/plugins/node-ready.js";
import { nodeUnschedulable } from "../../../../src/scheduler/plugins/node-unschedulable.js";
import { newNode, newPod, nodeInfo, runFilter } from "../builders.js";

describe("NodeReady", () => {
  it.each<[string, boolean, string[]]>([
    ["a ready node passes", true, []],
    ["a node not ready is refused", false, ["node(s) were not ready"]],
  ])("%s", (_, ready, reasons) => {
    const pod = newPod("p");
    expect(runFilter(nodeReady, pod, nodeInfo(newNode("n", { ready }))).reasons).toEqual(reasons);
  });

  it("treats a node without conditions as not ready", () => {
    const node = newNode("n");
    delete node.status!.conditions;
    const pod = newPod("p");
    expect(runFilter(nodeReady, pod, nodeInfo(node)).code).not.toBe("Success");
  });
});

describe("NodeUnschedulable", () => {
  it.each<[string, boolean, Toleration[], string[]]>([
    ["a schedulable node passes", false, [], []],
    ["a cordoned node is refused", true, [], ["node(s) were unschedulable"]],
    [
      "a pod tolerating the unschedulable taint passes",
      true,
      [{ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }],
      [],
    ],
    ["a pod tolerating everything passes", true, [{ operator: "Exists" }], []],
    [
      "a toleration of another key does not help",
      true,
      [{ key: "other", operator: "Exists" }],
      ["node(s) were unschedulable"],
    ],
  ])("%s", (_, unschedulable, tolerations, reasons) => {
    const pod = newPod("p", { spec: { tolerations } });
    const info = nodeInfo(newNode("n", { unschedulable }));
    expect(runFilter(nodeUnschedulable, pod, info).reasons).toEqual(reasons);
  });
});
