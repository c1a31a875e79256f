/**
 * Measures how large a value would be as JSON, giving up as soon as it passes a limit. Aliases can
 * make a small document reference the same subtree millions of times; walking it with a budget
 * refuses such a document after at most `limit` units of work instead of serialising all of it.
 */

/** Approximate JSON length of `value` (exact for ASCII), or undefined once it exceeds `limit`. */
export function jsonSizeWithin(value: unknown, limit: number): number | undefined {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") size += v.length + 2;
    else if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") size += String(v).length;
    else if (v === null || v === undefined) size += 4;
    else if (Array.isArray(v)) {
      size += 2 + v.length;
      for (const item of v) stack.push(item);
    } else if (typeof v === "object") {
      const entries = Object.entries(v);
      size += 2 + entries.length;
      for (const [k, item] of entries) {
        size += k.length + 3;
        stack.push(item);
      }
    }
    if (size > limit) return undefined;
  }
  return size;
}

/** `3.2 MiB`, `512 KiB`, `900 B`: one decimal at most, none when whole. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024 * 1024, "GiB"],
    [1024 * 1024, "MiB"],
    [1024, "KiB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} B`;
}
