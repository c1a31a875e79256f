/**
 * Controllers: the shared runtime (runtime/) and one folder per controller, each converging the
 * objects it owns toward their spec through the Client interface, never by calling other parts.
 */

export { startDeploymentController } from "./deployment/index.js";
export { startEndpointsController } from "./endpoints/index.js";
export * from "./events/index.js";
export { startGarbageCollector } from "./gc/index.js";
export { startNodeLifecycle } from "./node-lifecycle/index.js";
export { startReplicationControllers } from "./replication/index.js";
export * from "./runtime/index.js";
