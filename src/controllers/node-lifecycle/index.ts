/**
 * Node lifecycle: marks nodes whose kubelet stopped heartbeating Ready=Unknown with the
 * unreachable NoExecute taint, evicts their pods after a grace (so controllers replace them
 * elsewhere), and lifts the taint when the kubelet is back.
 */
export {
  evictionDelayMs,
  NODE_STATUS_UNKNOWN_MESSAGE,
  type NodeHealth,
  nodeHealth,
  UNREACHABLE_TAINT_KEY,
} from "./node-health.js";
export { type StartNodeLifecycleOptions, startNodeLifecycle } from "./node-lifecycle.js";
