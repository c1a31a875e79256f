import type { ScorePlugin } from "../framework/plugin.js";

/** (allocatable − requested) × 100 / allocatable, 0 when full or unknown. */
function free(allocatable: number, requested: number): number {
  if (allocatable <= 0 || requested >= allocatable) return 0;
  return ((allocatable - requested) * 100) / allocatable;
}

/**
 * Prefers the node with the most room left after placing the pod: the mean over cpu and memory of
 * the free share, counting pods without requests at Kubernetes' defaults (100m, 200Mi).
 */
export const nodeResourcesLeastAllocated = {
  name: "NodeResourcesLeastAllocated",
  weight: 1,
  score: (_pod, nodeInfo, state) => {
    const want = state.facts.nonZeroRequests;
    const { allocatable, nonZeroRequested } = nodeInfo;
    const cpu = free(allocatable.milliCpu, nonZeroRequested.milliCpu + want.milliCpu);
    const memory = free(allocatable.memory, nonZeroRequested.memory + want.memory);
    return (cpu + memory) / 2;
  },
} satisfies ScorePlugin;
