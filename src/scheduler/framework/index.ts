/**
 * The scheduling framework: one small interface per extension point (Filter, Score, Bind), the
 * Status values plugins return, and NodeInfo, the precomputed per-node view they read.
 */

export { NodeInfo } from "./node-info.js";
export type { BindPlugin, CycleState, FilterPlugin, Profile, ScorePlugin } from "./plugin.js";
export { type HostPort, type PodFacts, podFacts, WILDCARD_IP } from "./pod-facts.js";
export {
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  nodeAllocatable,
  podRequests,
  type Resources,
} from "./resources.js";
export { isSuccess, type Status, type StatusCode, SUCCESS, unresolvable, unschedulable } from "./status.js";
