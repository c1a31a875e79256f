/**
 * The order objects are written in: what others depend on first (namespaces, then configuration,
 * then services, then workloads from the outermost in). Deletes run in the reverse order.
 */
import type { ObjectKey } from "../api/object.js";

export const KIND_ORDER: readonly string[] = [
  "Namespace",
  "Secret",
  "ConfigMap",
  "Service",
  "Endpoints",
  "ReplicationController",
  "ReplicaSet",
  "Deployment",
  "Pod",
];

const RANKS = new Map(KIND_ORDER.map((kind, index) => [kind, index]));

function rank(kind: string): number {
  return RANKS.get(kind) ?? KIND_ORDER.length;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders keys by the kind table (unknown kinds last, by name), then namespace, then name. */
export function compareKeys(a: ObjectKey, b: ObjectKey): number {
  return (
    rank(a.kind) - rank(b.kind) ||
    compareText(a.kind, b.kind) ||
    compareText(a.namespace, b.namespace) ||
    compareText(a.name, b.name)
  );
}

/** Deletion order: reverse kind order; within a kind, still by namespace and name for stable output. */
export function compareKeysForDelete(a: ObjectKey, b: ObjectKey): number {
  return (
    rank(b.kind) - rank(a.kind) ||
    compareText(b.kind, a.kind) ||
    compareText(a.namespace, b.namespace) ||
    compareText(a.name, b.name)
  );
}
