import type { ScorePlugin } from "../framework/plugin.js";

/**
 * Spreads the pods of one controller (a ReplicaSet, an RC) across nodes: the raw score is how many
 * of the owner's pods a node runs; normalized, the node with the fewest scores 100 and the node
 * with the most scores 0 (all 100 when none runs any). Pods without a controller score 100 everywhere.
 */
export const selectorSpread = {
  name: "SelectorSpread",
  weight: 1,
  applies: (_pod, state) => state.facts.controllerUid !== undefined,
  score: (_pod, nodeInfo, state) => {
    const owner = state.facts.controllerUid;
    return owner === undefined ? 0 : (nodeInfo.ownerCounts.get(owner) ?? 0);
  },
  normalize: (scores, count) => {
    let max = 0;
    for (let i = 0; i < count; i++) if (scores[i]! > max) max = scores[i]!;
    for (let i = 0; i < count; i++) scores[i] = max === 0 ? 100 : ((max - scores[i]!) * 100) / max;
  },
} satisfies ScorePlugin;
