import type { KubeObject } from "../../api/object.js";
import { cacheKey } from "./cache-key.js";
import type { Lister } from "./indexer.js";

/** One change to apply to a cache and announce to handlers. */
export type Delta<T extends KubeObject = KubeObject> =
  | { type: "add"; obj: T }
  | { type: "update"; old: T; obj: T }
  /** `finalStateUnknown`: seen only through a relist, so `obj` is the last state the cache knew. */
  | { type: "delete"; obj: T; finalStateUnknown: boolean };

/**
 * What changed between a cache and a fresh list of the same objects: adds for new keys, updates
 * for keys whose resourceVersion differs, and deletes (final state unknown) for keys the list no
 * longer has. Pure; the result is ordered adds/updates in list order, then deletes in key order.
 */
export function relistDeltas<T extends KubeObject>(cache: Lister<T>, items: readonly T[]): Delta<T>[] {
  const deltas: Delta<T>[] = [];
  const seen = new Set<string>();
  for (const obj of items) {
    const key = cacheKey(obj);
    seen.add(key);
    const old = cache.get(key);
    if (!old) deltas.push({ type: "add", obj });
    else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) deltas.push({ type: "update", old, obj });
  }
  const gone = cache.keys().filter((key) => !seen.has(key));
  gone.sort();
  for (const key of gone) deltas.push({ type: "delete", obj: cache.get(key)!, finalStateUnknown: true });
  return deltas;
}

/**
 * Whether `candidate` is at or before `current`. Slipway's resourceVersions are one global,
 * increasing integer; anything else is treated as opaque and never considered stale.
 */
export function isStaleVersion(candidate: string | undefined, current: string | undefined): boolean {
  if (!candidate || !current || !/^\d+$/.test(candidate) || !/^\d+$/.test(current)) return false;
  return Number(candidate) <= Number(current);
}
