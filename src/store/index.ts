/**
 * The state store: an etcd-shaped key-value backend (SQLite embedded, etcd later) and the registry
 * above it that gives objects Kubernetes' semantics and implements the Client interface in-process.
 */
export type * from "./backend.js";
export { goneError } from "./gone.js";
export { MemoryBackend, type MemoryBackendOptions } from "./memory-backend.js";
export { decodeObject, encodeObject } from "./object-codec.js";
export { deepEqual } from "./object-meta.js";
export { mergePatch } from "./patch.js";
export { createRegistry, type Registry, type RegistryOptions } from "./registry.js";
export { KEY_ROOT, kindPrefix, objectKey } from "./registry-keys.js";
export { openSqliteBackend, type PutEntry, SqliteBackend, type SqliteBackendOptions } from "./sqlite-backend.js";
export { WatchHub } from "./watch-hub.js";
