/**
 * The spec hash a container is labelled with: a kubelet recreates a container whose label no
 * longer matches the hash of its desired spec. Stable across key order and processes.
 */
import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level; undefined members are left out as JSON does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

/** 16 hex characters of the SHA-256 of the canonical JSON of `value`. */
export function specHash(value: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(value) ?? "undefined")
    .digest("hex")
    .slice(0, 16);
}
