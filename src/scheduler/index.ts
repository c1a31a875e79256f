/**
 * The scheduler: assigns each pending pod to a node. framework/ holds the plugin interfaces and
 * NodeInfo, plugins/ the filters, scores and binder; the loop (startScheduler) keeps a cache of
 * nodes and placed pods from informers, runs the plugins for one pod at a time and binds.
 */
export { failureMessage, NO_NODES } from "./failure-message.js";
export { findNode, type Placement, ScoreBuffers } from "./find-node.js";
export * from "./framework/index.js";
export * from "./plugins/index.js";
export { withPodCondition } from "./pod-condition.js";
export { DEFAULT_SCHEDULER_NAME, needsScheduling } from "./pod-filters.js";
export { type Scheduler, type SchedulerOptions, type SchedulerStats, startScheduler } from "./scheduler.js";
export { SchedulerCache } from "./scheduler-cache.js";
