import { describe, expect, it } from "vitest";
import type { NodeSelectorRequirement, PodSpec } from "../../../../src/api/types/pod.js";
import { nodeAffinity } from "../../../../src/scheduler/plugins/node-affinity.js";
import { newNode, newPod, nodeInfo, runFilter } from "../builders.js";

const labels = { disk: "ssd", zone: "a", cores: "8" };
const node = newNode("n1", { labels });

function required(...terms: NodeSelectorRequirement[][]): Partial<PodSpec> {
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })),
        },
      },
    },
  };
}

describe("NodeAffinity", () => {
  it.each<[string, Partial<PodSpec>, boolean]>([
    ["no constraint matches every node", {}, true],
    ["nodeSelector with equal labels", { nodeSelector: { disk: "ssd" } }, true],
    ["nodeSelector with another value", { nodeSelector: { disk: "hdd" } }, false],
    ["nodeSelector with a missing label", { nodeSelector: { gpu: "yes" } }, false],
    ["In", required([{ key: "zone", operator: "In", values: ["a", "b"] }]), true],
    ["In without the value", required([{ key: "zone", operator: "In", values: ["b"] }]), false],
    ["NotIn", required([{ key: "zone", operator: "NotIn", values: ["b"] }]), true],
    ["NotIn with the value", required([{ key: "zone", operator: "NotIn", values: ["a"] }]), false],
    ["NotIn on a missing label", required([{ key: "gpu", operator: "NotIn", values: ["x"] }]), true],
    ["Exists", required([{ key: "disk", operator: "Exists" }]), true],
    ["Exists on a missing label", required([{ key: "gpu", operator: "Exists" }]), false],
    ["DoesNotExist", required([{ key: "gpu", operator: "DoesNotExist" }]), true],
    ["DoesNotExist on a present label", required([{ key: "disk", operator: "DoesNotExist" }]), false],
    ["Gt", required([{ key: "cores", operator: "Gt", values: ["4"] }]), true],
    ["Gt not greater", required([{ key: "cores", operator: "Gt", values: ["8"] }]), false],
    ["Lt", required([{ key: "cores", operator: "Lt", values: ["16"] }]), true],
    ["Lt on a non-integer label", required([{ key: "zone", operator: "Lt", values: ["16"] }]), false],
    [
      "expressions of a term are ANDed",
      required([
        { key: "zone", operator: "In", values: ["a"] },
        { key: "disk", operator: "In", values: ["hdd"] },
      ]),
      false,
    ],
    [
      "terms are ORed",
      required([{ key: "zone", operator: "In", values: ["z"] }], [{ key: "disk", operator: "In", values: ["ssd"] }]),
      true,
    ],
    [
      "nodeSelector and affinity must both hold",
      { nodeSelector: { disk: "hdd" }, ...required([{ key: "zone", operator: "In", values: ["a"] }]) },
      false,
    ],
  ])("%s", (_, spec, fits) => {
    const pod = newPod("p", { spec });
    const status = runFilter(nodeAffinity, pod, nodeInfo(node));
    expect(status.reasons).toEqual(fits ? [] : ["node(s) didn't match Pod's node affinity/selector"]);
  });

  it("matches a term's matchFields against the node name", () => {
    const pod = newPod("p", {
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In", values: ["n1"] }] }],
            },
          },
        },
      },
    });
    expect(runFilter(nodeAffinity, pod, nodeInfo(node)).code).toBe("Success");
    expect(runFilter(nodeAffinity, pod, nodeInfo(newNode("n2"))).code).not.toBe("Success");
  });
});
