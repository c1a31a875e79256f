import type { NodeInfo } from "./framework/node-info.js";
import type { CycleState, Profile } from "./framework/plugin.js";

/** Where the pod should go, or why it cannot go anywhere. */
export type Placement =
  | { readonly nodeName: string; readonly feasible: number }
  | { readonly nodeName?: undefined; readonly reasons: ReadonlyMap<string, number>; readonly total: number };

/** Scratch buffers reused across pods so a cycle allocates nothing per node. */
export class ScoreBuffers {
  feasible: NodeInfo[] = [];
  raw = new Float64Array(0);
  total = new Float64Array(0);

  ensure(size: number): void {
    if (this.raw.length >= size) return;
    this.raw = new Float64Array(size);
    this.total = new Float64Array(size);
  }
}

/**
 * One scheduling decision, pure over its inputs: runs every filter on every node (stopping at the
 * first failing filter per node, as Kubernetes does), scores the feasible nodes with every score
 * plugin (weighted, normalized where the plugin asks), and picks the highest total; ties are broken
 * uniformly at random with `random` (reservoir sampling, like kube-scheduler's selectHost).
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
  const filters = profile.filters;
  const feasible = buffers.feasible;
  feasible.length = 0;
  let reasons: Map<string, number> | undefined;
  let total = 0;
  nextNode: for (const nodeInfo of nodes) {
    if (!nodeInfo.node) continue;
    total++;
    for (const plugin of filters) {
      const status = plugin.filter(pod, nodeInfo, state);
      if (status.code === "Success") continue;
      reasons ??= new Map();
      for (const reason of status.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      continue nextNode;
    }
    feasible.push(nodeInfo);
  }
  const count = feasible.length;
  if (count === 0) return { reasons: reasons ?? new Map(), total };
  if (count === 1) return { nodeName: feasible[0]!.name, feasible: 1 };

  buffers.ensure(count);
  const sums = buffers.total;
  sums.fill(0, 0, count);
  for (const plugin of profile.scores) {
    const raw = buffers.raw;
    for (let i = 0; i < count; i++) raw[i] = plugin.score(pod, feasible[i]!, state);
    plugin.normalize?.(raw, count, state);
    const weight = plugin.weight;
    for (let i = 0; i < count; i++) sums[i]! += weight * raw[i]!;
  }

  let best = 0;
  let ties = 1;
  for (let i = 1; i < count; i++) {
    const score = sums[i]!;
    if (score > sums[best]!) {
      best = i;
      ties = 1;
    } else if (score === sums[best]!) {
      ties++;
      if (random() * ties < 1) best = i;
    }
  }
  return { nodeName: feasible[best]!.name, feasible: count };
}
