/**
 * The state store: an etcd-shaped key-value backend (SQLite embedded, etcd later) and the registry
 * above it that gives objects Kubernetes' semantics and implements the Client interface in-process.
 */
export type * from "./backend.js";
export { goneError } from "./gone.js";
export { MemoryBackend, type MemoryBackendOptions } from "./memory-backend.js";
export { WatchHub } from "./watch-hub.js";
