/**
 * Tiny helpers for filling defaults into plain JSON objects whose shape is not yet validated:
 * they only ever descend into values that really are objects or arrays, and never overwrite.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The record at parent[key], or undefined when absent or not an object. */
export function recordAt(parent: JsonRecord, key: string): JsonRecord | undefined {
  const value = parent[key];
  return isRecord(value) ? value : undefined;
}

/** The record at parent[key], created empty when the key is absent (but not when it holds another type). */
export function ensureRecord(parent: JsonRecord, key: string): JsonRecord | undefined {
  if (parent[key] === undefined || parent[key] === null) parent[key] = {};
  return recordAt(parent, key);
}

/** The items of parent[key] that are objects; none when absent or not a list. */
export function recordsAt(parent: JsonRecord, key: string): JsonRecord[] {
  const value = parent[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Sets parent[key] = value when it is absent (undefined, null, or the empty string). */
export function setDefault(parent: JsonRecord, key: string, value: unknown): void {
  const current = parent[key];
  if (current === undefined || current === null || current === "") parent[key] = value;
}

/** True for a missing or empty label map: the case where Kubernetes copies labels from a template. */
export function isEmptyMap(value: unknown): boolean {
  return value === undefined || value === null || (isRecord(value) && Object.keys(value).length === 0);
}
