/**
 * The controller runtime: informers (list + watch into an indexed cache, with resume, relist and
 * resync), the rate-limited work queue, the worker loop, and expectations. Controllers, the
 * scheduler and the kubelet are built on it; it depends only on the Client interface.
 */
export { cacheKey, splitCacheKey } from "./cache-key.js";
export { type Delta, isStaleVersion, relistDeltas } from "./deltas.js";
export { controllerRef, enqueueControllerOf, enqueueObject } from "./enqueue.js";
export type { DeleteInfo, EventHandlers } from "./event-handlers.js";
export { EXPECTATIONS_TTL_MS, Expectations, type ExpectationsOptions } from "./expectations.js";
export {
  byControllerUid,
  byNamespace,
  byNodeName,
  byOwnerUid,
  Indexer,
  type IndexFunc,
  type Lister,
} from "./indexer.js";
export { createInformer, type Informer, type InformerOptions } from "./informer.js";
export { InformerFactory, type InformerFactoryOptions, type InformerScope } from "./informer-factory.js";
export { type Log, stderrLog } from "./log.js";
export { type ExponentialBackoffOptions, ItemExponentialBackoff, type RateLimiter } from "./rate-limiter.js";
export { type RunControllerOptions, runController } from "./run-controller.js";
export { WorkQueue, type WorkQueueOptions } from "./work-queue.js";
