/** Small readers for loosely typed objects, so printers never throw on a partial object. */

export function field(obj: unknown, path: string): unknown {
  let current: unknown = obj;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function num(obj: unknown, path: string): number {
  const value = field(obj, path);
  return typeof value === "number" ? value : 0;
}

export function str(obj: unknown, path: string, fallback = ""): string {
  const value = field(obj, path);
  return typeof value === "string" ? value : fallback;
}

export function arr(obj: unknown, path: string): Record<string, unknown>[] {
  const value = field(obj, path);
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

export function record(obj: unknown, path: string): Record<string, unknown> {
  const value = field(obj, path);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `k=v,k2=v2` like kubectl's selector and label columns; `<none>` when empty. */
export function joinLabels(labels: Record<string, unknown>): string {
  const entries = Object.entries(labels);
  return entries.length ? entries.map(([k, v]) => `${k}=${String(v)}`).join(",") : "<none>";
}
