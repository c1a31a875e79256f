/**
 * The three-way patch `kubectl apply` computes: from the last applied configuration (what the
 * manifest said last time), the desired manifest, and the live object, a strategic merge patch that
 * sets what the manifest sets, deletes what the manifest stopped setting, and leaves alone every
 * field the manifest never set (status, replicas after `scale`, defaults, controllers' fields).
 */
import { cloneJson, deepEqual, isPlainObject, type JsonMap, listStrategy, sameKey } from "./strategic-merge-keys.js";

export interface ThreeWayMergeInput {
  kind: string;
  /** The manifest as applied last time (the last-applied annotation), or null when unknown. */
  lastApplied: unknown;
  desired: unknown;
  live: unknown;
}

type Mode = "additions" | "deletions";

/**
 * Returns a strategic merge patch (`{}` when nothing is to change) that, applied to `live`, yields
 * (a) every field `desired` sets, with its desired value; (b) no field that `lastApplied` set and
 * `desired` no longer sets; (c) every other live field untouched. Keyed list items removed from the
 * manifest are deleted by key (`$patch: delete`); items others added survive. Pure.
 */
export function createThreeWayMergePatch({ kind, lastApplied, desired, live }: ThreeWayMergeInput): JsonMap {
  const to = asMap(desired);
  const additions = diffMaps(kind, "", asMap(live), to, "additions") ?? {};
  // Without a last-applied record there is nothing to delete (the resync of an unchanged manifest).
  if (!isPlainObject(lastApplied)) return additions;
  const deletions = diffMaps(kind, "", lastApplied, to, "deletions");
  return deletions ? mergePatches(kind, "", additions, deletions) : additions;
}

function asMap(value: unknown): JsonMap {
  return isPlainObject(value) ? value : {};
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * "additions": what to set so `from` gets every value `to` has. "deletions": what to remove from
 * `from` because `to` no longer has it. Each ignores the other half, as kubectl's two passes do.
 * Undefined when there is nothing to change. This walk runs over every field of every object on
 * each resync, so it allocates only for differences: for-in over own keys, no patch object and no
 * child path until needed.
 */
function diffMaps(kind: string, path: string, from: JsonMap, to: JsonMap, mode: Mode): JsonMap | undefined {
  let patch: JsonMap | undefined;
  if (mode === "deletions") {
    for (const key in from) {
      if (Object.hasOwn(from, key) && from[key] !== undefined && to[key] === undefined) {
        patch ??= {};
        patch[key] = null;
      }
    }
  }
  for (const key in to) {
    if (!Object.hasOwn(to, key)) continue;
    const b = to[key];
    if (b === undefined) continue;
    const a = from[key];
    if (a === b && (typeof b !== "object" || b === null)) continue;
    let change: unknown;
    if (isPlainObject(a) && isPlainObject(b)) {
      change = diffMaps(kind, join(path, key), a, b, mode);
    } else if (Array.isArray(a) && Array.isArray(b)) {
      const lists = diffLists(kind, join(path, key), key, a, b, mode);
      if (lists) {
        patch ??= {};
        patch[lists[0]] = lists[1];
      }
      continue;
    } else if (mode === "additions" && !deepEqual(a, b)) {
      change = cloneJson(b);
    }
    if (change !== undefined) {
      patch ??= {};
      patch[key] = change;
    }
  }
  return patch;
}

/** The patch entry (field name and value) for one list, or undefined when it needs none. */
function diffLists(
  kind: string,
  path: string,
  key: string,
  from: unknown[],
  to: unknown[],
  mode: Mode,
): [string, unknown] | undefined {
  const strategy = listStrategy(kind, path);
  const allMaps = from.every(isPlainObject) && to.every(isPlainObject);
  if (!strategy || (strategy.type === "keyed" && !allMaps)) {
    return mode === "additions" && !deepEqual(from, to) ? [key, cloneJson(to)] : undefined;
  }
  if (strategy.type === "set") {
    if (mode === "additions") {
      const added = to.filter((v) => !from.some((f) => deepEqual(f, v)));
      return added.length > 0 ? [key, cloneJson(added)] : undefined;
    }
    const removed = from.filter((v) => !to.some((t) => deepEqual(t, v)));
    return removed.length > 0 ? [`$deleteFromPrimitiveList/${key}`, cloneJson(removed)] : undefined;
  }
  const keys = strategy.keys;
  const keyFields = (item: JsonMap): JsonMap =>
    Object.fromEntries(keys.filter((k) => item[k] !== undefined).map((k) => [k, item[k]]));
  const items: JsonMap[] = [];
  const outer = (mode === "additions" ? to : from) as JsonMap[];
  const inner = (mode === "additions" ? from : to) as JsonMap[];
  for (const item of outer) {
    const match = inner.find((o) => sameKey(o, item, keys));
    if (!match) {
      items.push(mode === "additions" ? cloneJson(item) : { ...keyFields(item), $patch: "delete" });
      continue;
    }
    const sub =
      mode === "additions"
        ? diffMaps(kind, `${path}[]`, match, item, mode)
        : diffMaps(kind, `${path}[]`, item, match, mode);
    if (sub) items.push({ ...keyFields(mode === "additions" ? item : match), ...sub });
  }
  return items.length > 0 ? [key, items] : undefined;
}

/** Combines the additions and deletions patches; they never set the same leaf. */
function mergePatches(kind: string, path: string, a: JsonMap, b: JsonMap): JsonMap {
  const out: JsonMap = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    const childPath = join(path, key);
    if (isPlainObject(existing) && isPlainObject(value)) {
      out[key] = mergePatches(kind, childPath, existing, value);
    } else if (Array.isArray(existing) && Array.isArray(value)) {
      out[key] = mergeItemPatches(kind, childPath, existing, value);
    } else if (existing === undefined) {
      out[key] = value;
    }
  }
  return out;
}

function mergeItemPatches(kind: string, path: string, a: unknown[], b: unknown[]): unknown[] {
  const strategy = listStrategy(kind, path);
  if (strategy?.type !== "keyed") return a;
  const out = [...a];
  for (const item of b) {
    if (!isPlainObject(item)) continue;
    const index = out.findIndex((o) => isPlainObject(o) && sameKey(o, item, strategy.keys));
    const current = out[index];
    if (index >= 0 && isPlainObject(current)) out[index] = mergePatches(kind, `${path}[]`, current, item);
    else out.push(item);
  }
  return out;
}
