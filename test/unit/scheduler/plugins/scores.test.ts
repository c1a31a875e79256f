import { describe, expect, it } from "vitest";
import { nodeResourcesLeastAllocated } from "../../../../src/scheduler/plugins/least-allocated.js";
import { selectorSpread } from "../../../../src/scheduler/plugins/selector-spread.js";
import { cycleState, newNode, newPod, nodeInfo } from "../builders.js";

describe("NodeResourcesLeastAllocated", () => {
  it.each<[string, string, string, string[], number]>([
    ["an empty node scores by the pod's own share", "4", "4Gi", [], 75],
    ["a half-used node scores lower", "4", "4Gi", ["2"], 25],
    ["a full node scores 0", "4", "4Gi", ["4"], 0],
    ["a node with nothing allocatable scores 0", "0", "0", [], 0],
  ])("%s", (_, cpu, memory, used, expected) => {
    const pod = newPod("p", { cpu: "1", memory: "1Gi" });
    const placed = used.map((c, i) => newPod(`u${i}`, { cpu: c, memory: `${Number.parseInt(c, 10)}Gi` }));
    const info = nodeInfo(newNode("n", { cpu, memory }), ...placed);
    expect(nodeResourcesLeastAllocated.score(pod, info, cycleState(pod))).toBe(expected);
  });

  it("counts a pod without requests at the default 100m and 200Mi", () => {
    const pod = newPod("p");
    const info = nodeInfo(newNode("n", { cpu: "1", memory: "2000Mi" }));
    expect(nodeResourcesLeastAllocated.score(pod, info, cycleState(pod))).toBe(90);
  });
});

describe("SelectorSpread", () => {
  it.each<[string, number[], number[]]>([
    ["no sibling anywhere: every node 100", [0, 0, 0], [100, 100, 100]],
    ["the emptiest node scores best", [2, 1, 0], [0, 50, 100]],
    ["equal counts score alike", [1, 1], [0, 0]],
  ])("%s", (_, siblings, expected) => {
    const pod = newPod("p", { owner: "rs" });
    const state = cycleState(pod);
    const infos = siblings.map((count, n) =>
      nodeInfo(newNode(`n${n}`), ...Array.from({ length: count }, (_, i) => newPod(`s${n}-${i}`, { owner: "rs" }))),
    );
    const scores = new Float64Array(infos.map((info) => selectorSpread.score(pod, info, state)));
    selectorSpread.normalize(scores, scores.length);
    expect([...scores]).toEqual(expected);
  });

  it("ignores pods of another owner", () => {
    const pod = newPod("p", { owner: "rs" });
    const info = nodeInfo(newNode("n"), newPod("x", { owner: "other" }));
    expect(selectorSpread.score(pod, info, cycleState(pod))).toBe(0);
  });
});
