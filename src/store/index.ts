/**
 * The state store: an etcd-shaped key-value backend (SQLite embedded, etcd later) and the registry
 * above it that gives objects Kubernetes' semantics and implements the Client interface in-process.
 */
export type * from "./backend.js";
