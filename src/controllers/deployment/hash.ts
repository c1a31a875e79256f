import type { PodTemplateSpec } from "../../api/types/pod.js";

/** The label that ties a ReplicaSet, its selector, its template and its pods to one pod template. */
export const POD_TEMPLATE_HASH_LABEL = "pod-template-hash";

/** Kubernetes' rand.SafeEncodeString alphabet: no vowels, no look-alike digits, so no bad words. */
const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** JSON with object keys sorted at every level: equal values give equal strings. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

/** 32-bit FNV-1a over bytes, continuing from `hash`. */
function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  let h = hash;
  for (const byte of bytes) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The pod-template-hash of a template, as Kubernetes' controller.ComputeHash: FNV-1a (32 bits) over
 * a canonical serialisation of the template, then over `collisionCount` as 8 little-endian bytes
 * when given, printed in decimal and mapped to a safe alphabet. Deterministic across processes.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(stableStringify(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return [...String(hash)].map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length]).join("");
}

/** The template without the pod-template-hash label (and without an empty label map left behind). */
export function withoutHashLabel(template: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  if (!template) return template;
  const copy = structuredClone(template);
  const labels = copy.metadata?.labels;
  if (labels && POD_TEMPLATE_HASH_LABEL in labels) {
    delete labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(labels).length === 0) delete copy.metadata?.labels;
  }
  return copy;
}

/** True when two templates are equal once the pod-template-hash label is ignored (EqualIgnoreHash). */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return stableStringify(withoutHashLabel(a) ?? null) === stableStringify(withoutHashLabel(b) ?? null);
}
