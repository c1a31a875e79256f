import type { NodeInfo } from "./framework/node-info.js";
import type { CycleState, FilterPlugin, Profile, ScorePlugin } from "./framework/plugin.js";

/** Where the pod should go, or why it cannot go anywhere. */
export type Placement =
  | { readonly nodeName: string; readonly feasible: number }
  | { readonly nodeName?: undefined; readonly reasons: ReadonlyMap<string, number>; readonly total: number };

/** Scratch buffers reused across pods so a cycle allocates nothing per node. */
export class ScoreBuffers {
  feasible: NodeInfo[] = [];
  filters: FilterPlugin[] = [];
  scores: ScorePlugin[] = [];
  raw = new Float64Array(0);
  total = new Float64Array(0);

  ensure(size: number): void {
    if (this.raw.length >= size) return;
    this.raw = new Float64Array(size);
    this.total = new Float64Array(size);
  }
}

/**
 * One scheduling decision, pure over its inputs: runs every filter that applies to the pod on
 * every node (stopping at the first failing filter per node, as Kubernetes does), scores the
 * feasible nodes with every score plugin that applies (weighted, normalized where the plugin asks),
 * and picks the highest total; ties are broken uniformly at random with one draw of `random`.
 * Nodes without a Node object are skipped. When no node fits, returns the count of nodes per reason.
 */
export function findNode(
  nodes: readonly NodeInfo[],
  profile: Profile,
  state: CycleState,
  random: () => number = Math.random,
  buffers: ScoreBuffers = new ScoreBuffers(),
): Placement {
  const pod = state.facts.pod;
  const filters = buffers.filters;
  let filterCount = 0;
  for (const plugin of profile.filters) if (plugin.applies?.(pod, state) !== false) filters[filterCount++] = plugin;
  // Written by index, never truncated: truncating an array frees its backing store.
  const feasible = buffers.feasible;
  let count = 0;
  let reasons: Map<string, number> | undefined;
  let total = 0;
  const nodeCount = nodes.length;
  nextNode: for (let n = 0; n < nodeCount; n++) {
    const nodeInfo = nodes[n]!;
    if (nodeInfo.node === undefined) continue;
    total++;
    for (let f = 0; f < filterCount; f++) {
      const status = filters[f]!.filter(pod, nodeInfo, state);
      if (status.code === "Success") continue;
      reasons ??= new Map();
      for (const reason of status.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      continue nextNode;
    }
    feasible[count++] = nodeInfo;
  }
  if (count === 0) return { reasons: reasons ?? new Map(), total };
  if (count === 1) return { nodeName: feasible[0]!.name, feasible: 1 };
  return { nodeName: feasible[bestIndex(feasible, count, profile, state, random, buffers)]!.name, feasible: count };
}

/** The index of the best-scoring feasible node, a uniformly random one among equal bests. */
function bestIndex(
  feasible: readonly NodeInfo[],
  count: number,
  profile: Profile,
  state: CycleState,
  random: () => number,
  buffers: ScoreBuffers,
): number {
  const pod = state.facts.pod;
  buffers.ensure(count);
  const sums = buffers.total;
  const raw = buffers.raw;
  sums.fill(0, 0, count);
  for (const plugin of profile.scores) {
    if (plugin.applies?.(pod, state) === false) continue;
    for (let i = 0; i < count; i++) raw[i] = plugin.score(pod, feasible[i]!, state);
    plugin.normalize?.(raw, count, state);
    const weight = plugin.weight;
    for (let i = 0; i < count; i++) sums[i]! += weight * raw[i]!;
  }
  let max = sums[0]!;
  let ties = 1;
  for (let i = 1; i < count; i++) {
    const score = sums[i]!;
    if (score > max) {
      max = score;
      ties = 1;
    } else if (score === max) ties++;
  }
  let pick = Math.min(ties - 1, Math.floor(random() * ties));
  for (let i = 0; i < count; i++) {
    if (sums[i] !== max) continue;
    if (pick === 0) return i;
    pick--;
  }
  return 0;
}
