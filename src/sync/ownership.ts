/**
 * How Slipway marks what it manages: labels naming the manager and the source (the inventory used
 * for pruning), an opt-out annotation, and kubectl's last-applied annotation for the three-way merge.
 */
import { kindInfo } from "../api/kinds.js";
import type { KubeObject, ObjectMeta } from "../api/object.js";
import { foldStringData } from "./secret-data.js";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "slipway";
export const SOURCE_LABEL = "slipway.dev/source";
export const PRUNE_ANNOTATION = "slipway.dev/prune";
/** The same annotation kubectl apply writes, so either tool can take over from the other. */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** JSON with map keys sorted at every level: the same object always gives the same text. */
export function canonicalJson(value: unknown): string {
  // Sorting into fresh maps and letting JSON.stringify do the rest is faster than building the text.
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const map = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(map).sort()) out[key] = sortKeys(map[key]);
  return out;
}

const records = new WeakMap<KubeObject, string>();
/** The last stamped copy of each manifest object, by source: a resync of unchanged objects reuses it. */
const stamped = new WeakMap<KubeObject, { sourceId: string; copy: KubeObject }>();

/**
 * The manifest as Slipway writes it: a copy with the managed-by and source labels, the last-applied
 * annotation holding the manifest as written (without that annotation), the default namespace for
 * namespaced kinds (none for cluster-scoped ones), and a Secret's stringData folded into data.
 * Never mutates `object`; the copy shares everything below `metadata` with it, so both are
 * read-only from here on: the copy is cached per object and source, and returned again for the
 * same object (a manifest is immutable once loaded).
 */
export function stampDesired(object: KubeObject, sourceId: string): KubeObject {
  const last = stamped.get(object);
  if (last?.sourceId === sourceId) return last.copy;
  const copy = stamp(object, sourceId);
  stamped.set(object, { sourceId, copy });
  return copy;
}

function stamp(object: KubeObject, sourceId: string): KubeObject {
  const meta: ObjectMeta = { ...object.metadata };
  if (meta.annotations?.[LAST_APPLIED_ANNOTATION] !== undefined) {
    const { [LAST_APPLIED_ANNOTATION]: _dropped, ...rest } = meta.annotations;
    if (Object.keys(rest).length > 0) meta.annotations = rest;
    else delete meta.annotations;
  }
  let record = records.get(object);
  if (record === undefined) {
    record = canonicalJson({ ...object, metadata: meta });
    records.set(object, record);
  }
  meta.labels = { ...meta.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [SOURCE_LABEL]: sourceId };
  meta.annotations = { ...meta.annotations, [LAST_APPLIED_ANNOTATION]: record };
  // As the API server does: a namespaced object without one is in "default"; a cluster-scoped has none.
  const namespaced = kindInfo(object.kind)?.namespaced;
  if (namespaced && !meta.namespace) meta.namespace = "default";
  if (namespaced === false) delete meta.namespace;
  return foldStringData({ ...object, metadata: meta });
}

/** The configuration last applied to `live`, or null when it has none (or it is unreadable). */
export function lastAppliedOf(live: KubeObject): unknown {
  const text = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (text === undefined) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The source that manages `obj`, or undefined when no source does. */
export function sourceOf(obj: KubeObject): string | undefined {
  return obj.metadata.labels?.[SOURCE_LABEL];
}

/** Whether the object opted out of pruning (`slipway.dev/prune: "false"`). */
export function pruneDisabled(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[PRUNE_ANNOTATION] === "false";
}
