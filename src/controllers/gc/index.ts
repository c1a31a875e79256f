/**
 * The garbage collector: follows ownerReferences across the namespaced workload kinds and deletes
 * dependents whose owners are gone (background), deletes dependents before their owner
 * (foreground), or detaches them from it (orphan), as Kubernetes' garbage collector does.
 */
export { GC_KINDS, type StartGarbageCollectorOptions, startGarbageCollector } from "./garbage-collector.js";
export { type OwnerState, resolveOwner } from "./owner-state.js";
