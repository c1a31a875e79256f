/**
 * How Slipway marks what it manages: labels naming the manager and the source (the inventory used
 * for pruning), an opt-out annotation, and kubectl's last-applied annotation for the three-way merge.
 */
import { kindInfo } from "../api/kinds.js";
import type { KubeObject } from "../api/object.js";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "slipway";
export const SOURCE_LABEL = "slipway.dev/source";
export const PRUNE_ANNOTATION = "slipway.dev/prune";
/** The same annotation kubectl apply writes, so either tool can take over from the other. */
export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** JSON with map keys sorted at every level: the same object always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/**
 * The manifest as Slipway writes it: a copy with the managed-by and source labels, the last-applied
 * annotation holding the manifest as written (without that annotation), and the default namespace
 * filled in for namespaced kinds. Never mutates `object`.
 */
export function stampDesired(object: KubeObject, sourceId: string): KubeObject {
  const asWritten = structuredClone(object);
  const annotationsAsWritten = asWritten.metadata.annotations;
  if (annotationsAsWritten?.[LAST_APPLIED_ANNOTATION] !== undefined) {
    const { [LAST_APPLIED_ANNOTATION]: _dropped, ...rest } = annotationsAsWritten;
    if (Object.keys(rest).length > 0) asWritten.metadata.annotations = rest;
    else delete asWritten.metadata.annotations;
  }
  const stamped = structuredClone(asWritten);
  stamped.metadata.labels = {
    ...stamped.metadata.labels,
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [SOURCE_LABEL]: sourceId,
  };
  stamped.metadata.annotations = {
    ...stamped.metadata.annotations,
    [LAST_APPLIED_ANNOTATION]: canonicalJson(asWritten),
  };
  if (!stamped.metadata.namespace && kindInfo(stamped.kind)?.namespaced) stamped.metadata.namespace = "default";
  return stamped;
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
