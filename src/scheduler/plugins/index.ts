/**
 * The in-tree plugins, one per file, and the default profile: the filters in Kubernetes' order (the first
 * failing filter names the reason a node was rejected), then the scores and the binder.
 */
import type { Profile } from "../framework/plugin.js";
import { defaultBinder } from "./default-binder.js";
import { nodeResourcesLeastAllocated } from "./least-allocated.js";
import { nodeAffinity } from "./node-affinity.js";
import { nodePorts } from "./node-ports.js";
import { nodeReady } from "./node-ready.js";
import { nodeResourcesFit } from "./node-resources-fit.js";
import { nodeUnschedulable } from "./node-unschedulable.js";
import { selectorSpread } from "./selector-spread.js";
import { taintToleration } from "./taint-toleration.js";

export { defaultBinder } from "./default-binder.js";
export { nodeResourcesLeastAllocated } from "./least-allocated.js";
export { NODE_AFFINITY_MISMATCH, nodeAffinity, requirementMatches, termMatches } from "./node-affinity.js";
export { NO_FREE_PORTS, nodePorts } from "./node-ports.js";
export { NODE_NOT_READY, nodeReady } from "./node-ready.js";
export { INSUFFICIENT_CPU, INSUFFICIENT_MEMORY, nodeResourcesFit, TOO_MANY_PODS } from "./node-resources-fit.js";
export { NODE_UNSCHEDULABLE, nodeUnschedulable, UNSCHEDULABLE_TAINT_KEY } from "./node-unschedulable.js";
export { selectorSpread } from "./selector-spread.js";
export { taintToleration, tolerates, untoleratedTaintMessage } from "./taint-toleration.js";

export const defaultProfile: Profile = {
  filters: [nodeReady, nodeUnschedulable, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit],
  scores: [nodeResourcesLeastAllocated, selectorSpread],
  bind: defaultBinder,
};
