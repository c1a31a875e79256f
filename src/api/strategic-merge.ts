/**
 * Strategic merge patch, as Kubernetes applies it: maps merge recursively, `null` deletes a field,
 * lists named in the merge-key table (strategic-merge-keys.ts) merge item by item by their key,
 * other lists are replaced whole. Directives: `$patch: delete|replace` on maps and list items,
 * `$deleteFromPrimitiveList/<field>`, `$retainKeys`; `$setElementOrder/<field>` is accepted and
 * ignored (merged lists keep the original order, new items are appended).
 */
import { cloneJson, deepEqual, isPlainObject, type JsonMap, listStrategy, sameKey } from "./strategic-merge-keys.js";

export type { ListStrategy } from "./strategic-merge-keys.js";
export { cloneJson, deepEqual, isPlainObject, type JsonMap, listStrategy, sameKey } from "./strategic-merge-keys.js";
export { createThreeWayMergePatch, type ThreeWayMergeInput } from "./three-way-merge.js";

const DELETE_FROM = "$deleteFromPrimitiveList/";

function isDirective(key: string): boolean {
  return key.startsWith("$");
}

/**
 * Applies a strategic merge patch as Kubernetes does: maps merge recursively, `null` deletes,
 * lists of named items (containers, ports, env, volumes, volumeMounts, ...) merge by their merge
 * key instead of being replaced, `$patch: delete|replace` directives honoured. `kind` selects the
 * merge keys. Pure; returns a new value (undefined when the patch deletes the whole object).
 */
export function applyStrategicMergePatch(kind: string, original: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return cloneJson(patch);
  // One copy up front; the merge then works in place on it and never shares the patch's maps.
  return mergeMap(kind, "", isPlainObject(original) ? cloneJson(original) : {}, patch);
}

/** Merges `patch` into `result`, which the caller owns and which is changed in place. */
function mergeMap(kind: string, path: string, result: JsonMap, patch: JsonMap): JsonMap | undefined {
  if (patch.$patch === "delete") return undefined;
  if (patch.$patch === "replace") return stripDirectives(patch) as JsonMap;
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  }
  // Deletions from primitive lists first, so a patch that also adds to the same list adds last.
  for (const [key, values] of Object.entries(patch)) {
    if (!key.startsWith(DELETE_FROM) || !Array.isArray(values)) continue;
    const field = key.slice(DELETE_FROM.length);
    const current = result[field];
    if (Array.isArray(current)) result[field] = current.filter((v) => !values.some((d) => deepEqual(d, v)));
  }
  for (const [key, value] of Object.entries(patch)) {
    if (isDirective(key) || value === undefined) continue;
    const childPath = path ? `${path}.${key}` : key;
    if (value === null) {
      delete result[key];
    } else if (isPlainObject(value)) {
      const current = result[key];
      const merged = mergeMap(kind, childPath, isPlainObject(current) ? current : {}, value);
      if (merged === undefined) delete result[key];
      else result[key] = merged;
    } else if (Array.isArray(value)) {
      result[key] = mergeList(kind, childPath, result[key], value);
    } else {
      result[key] = value;
    }
  }
  return result;
}

function mergeList(kind: string, path: string, original: unknown, patch: unknown[]): unknown[] {
  const strategy = listStrategy(kind, path);
  if (!strategy) return stripDirectives(patch) as unknown[];
  const base = Array.isArray(original) ? original : [];
  if (strategy.type === "set") {
    for (const value of patch) if (!base.some((v) => deepEqual(v, value))) base.push(cloneJson(value));
    return base;
  }
  const items = patch.filter(isPlainObject);
  if (items.length !== patch.length) return stripDirectives(patch) as unknown[];
  if (items.some((item) => item.$patch === "replace")) {
    return items.filter((item) => item.$patch !== "replace").map((item) => stripDirectives(item));
  }
  const itemPath = `${path}[]`;
  let result = base;
  for (const item of items) {
    const same = (o: unknown): boolean => isPlainObject(o) && sameKey(o, item, strategy.keys);
    if (item.$patch === "delete") {
      result = result.filter((o) => !same(o));
      continue;
    }
    const index = result.findIndex(same);
    const current = result[index];
    if (index < 0 || !isPlainObject(current)) {
      const added = mergeMap(kind, itemPath, {}, item);
      if (added) result.push(added);
      continue;
    }
    const merged = mergeMap(kind, itemPath, current, item);
    if (merged === undefined) result.splice(index, 1);
    else result[index] = merged;
  }
  return result;
}

/** A deep copy without patch directives (`$patch`, `$retainKeys`, `$setElementOrder/...`). */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isPlainObject(value)) return value;
  const out: JsonMap = {};
  for (const [key, v] of Object.entries(value)) if (!isDirective(key)) out[key] = stripDirectives(v);
  return out;
}
