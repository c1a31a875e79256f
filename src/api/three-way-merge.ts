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
  const additions = diffMaps(kind, "", asMap(live), to, "additions");
  const deletions = diffMaps(kind, "", asMap(lastApplied), to, "deletions");
  return mergePatches(kind, "", additions, deletions);
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
 */
function diffMaps(kind: string, path: string, from: JsonMap, to: JsonMap, mode: Mode): JsonMap {
  const patch: JsonMap = {};
  if (mode === "deletions") {
    for (const [key, value] of Object.entries(from)) {
      if (value !== undefined && to[key] === undefined) patch[key] = null;
    }
  }
  for (const [key, b] of Object.entries(to)) {
    if (b === undefined) continue;
    const a = from[key];
    const childPath = join(path, key);
    if (isPlainObject(a) && isPlainObject(b)) {
      const sub = diffMaps(kind, childPath, a, b, mode);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (Array.isArray(a) && Array.isArray(b)) {
      diffLists(kind, childPath, key, a, b, mode, patch);
    } else if (mode === "additions" && !deepEqual(a, b)) {
      patch[key] = cloneJson(b);
    }
  }
  return patch;
}

function diffLists(
  kind: string,
  path: string,
  key: string,
  from: unknown[],
  to: unknown[],
  mode: Mode,
  patch: JsonMap,
) {
  const strategy = listStrategy(kind, path);
  const allMaps = from.every(isPlainObject) && to.every(isPlainObject);
  if (!strategy || (strategy.type === "keyed" && !allMaps)) {
    if (mode === "additions" && !deepEqual(from, to)) patch[key] = cloneJson(to);
    return;
  }
  if (strategy.type === "set") {
    if (mode === "additions") {
      const added = to.filter((v) => !from.some((f) => deepEqual(f, v)));
      if (added.length > 0) patch[key] = cloneJson(added);
    } else {
      const removed = from.filter((v) => !to.some((t) => deepEqual(t, v)));
      if (removed.length > 0) patch[`$deleteFromPrimitiveList/${key}`] = cloneJson(removed);
    }
    return;
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
    if (Object.keys(sub).length > 0) items.push({ ...keyFields(mode === "additions" ? item : match), ...sub });
  }
  if (items.length > 0) patch[key] = items;
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
