import { randomInt } from "node:crypto";
import type { KubeObject } from "../api/object.js";

// Kubernetes' generateName alphabet: no vowels (no words) and no look-alike characters.
const ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** `base` plus five random characters, as the API server completes generateName. */
export function completeGenerateName(base: string): string {
  let suffix = "";
  for (let i = 0; i < 5; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  // Names are at most 63 characters in most kinds; Kubernetes trims the base the same way.
  return `${base.slice(0, 58)}${suffix}`;
}

/** RFC 3339 with whole seconds, as metav1.Time serialises. */
export function nowTimestamp(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** Structural equality of JSON values (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keysA = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const keysB = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => deepEqual(ra[k], rb[k]));
}

/**
 * True when what generation counts changed: everything but metadata and status (spec, or data and
 * the like for kinds without spec), as Kubernetes' strategies compare.
 */
export function generationChanged(next: KubeObject, previous: KubeObject): boolean {
  const { metadata: _m1, status: _s1, ...a } = next;
  const { metadata: _m2, status: _s2, ...b } = previous;
  return !deepEqual(a, b);
}

/** Equality of two stored states, ignoring resourceVersion (which is not stored). */
export function sameStoredState(a: KubeObject, b: KubeObject): boolean {
  const { resourceVersion: _r1, ...ma } = a.metadata;
  const { resourceVersion: _r2, ...mb } = b.metadata;
  return deepEqual({ ...a, metadata: ma }, { ...b, metadata: mb });
}
