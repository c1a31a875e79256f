import { describe, expect, it } from "vitest";
import { failureMessage } from "../../../src/scheduler/failure-message.js";
import { findNode } from "../../../src/scheduler/find-node.js";
import { defaultProfile } from "../../../src/scheduler/plugins/index.js";
import { cycleState, newNode, newPod, nodeInfo } from "./builders.js";

describe("findNode", () => {
  it("picks the node with the most room", () => {
    const nodes = [nodeInfo(newNode("small", { cpu: "1" })), nodeInfo(newNode("big", { cpu: "8" }))];
    const placement = findNode(nodes, defaultProfile, cycleState(newPod("p", { cpu: "500m" })));
    expect(placement).toEqual({ nodeName: "big", feasible: 2 });
  });

  it("breaks ties with the random source", () => {
    const nodes = ["a", "b", "c"].map((n) => nodeInfo(newNode(n)));
    const state = cycleState(newPod("p"));
    expect(findNode(nodes, defaultProfile, state, () => 0.99).nodeName).toBe("c");
    expect(findNode(nodes, defaultProfile, state, () => 0.5).nodeName).toBe("b");
    expect(findNode(nodes, defaultProfile, state, () => 0).nodeName).toBe("a");
  });

  it("counts the nodes per reason when nothing fits", () => {
    const nodes = [
      nodeInfo(newNode("a", { cpu: "1" })),
      nodeInfo(newNode("b", { cpu: "1" })),
      nodeInfo(newNode("c", { cpu: "8", labels: { disk: "hdd" } })),
    ];
    const placement = findNode(
      nodes,
      defaultProfile,
      cycleState(newPod("p", { cpu: "2", spec: { nodeSelector: { disk: "ssd" } } })),
    );
    expect(placement.nodeName).toBeUndefined();
    if (placement.nodeName !== undefined) return;
    expect(placement.total).toBe(3);
    expect(failureMessage(placement.total, placement.reasons)).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
    );
  });

  it("skips nodes known only from the pods bound to them", () => {
    const ghost = nodeInfo(newNode("ghost"));
    ghost.node = undefined;
    const placement = findNode([ghost], defaultProfile, cycleState(newPod("p")));
    expect(placement).toEqual({ reasons: new Map(), total: 0 });
  });
});

describe("failureMessage", () => {
  it.each<[string, number, [string, number][], string]>([
    [
      "sorts the entries as strings, like kube-scheduler",
      3,
      [
        ["Insufficient cpu", 2],
        ["node(s) didn't match Pod's node affinity/selector", 1],
      ],
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.",
    ],
    [
      "counts a node once per reason it gave",
      2,
      [
        ["Insufficient memory", 1],
        ["Insufficient cpu", 2],
      ],
      "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.",
    ],
    ["says when there is no node at all", 0, [], "no nodes available to schedule pods"],
  ])("%s", (_, total, reasons, message) => {
    expect(failureMessage(total, new Map(reasons))).toBe(message);
  });
});
