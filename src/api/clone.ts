/**
 * A deep copy for JSON-shaped values (objects, arrays, strings, numbers, booleans, null), which is
 * all an API object holds. Several times faster than structuredClone on such data, which matters
 * on the hot paths (defaulting, planning, storing) that copy every object.
 */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (Object.hasOwn(value, key)) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
  }
  return copy as T;
}
