/**
 * Keeps Secret values out of anything printed. Values are replaced by fixed masks that still show
 * whether a value changed: the same mask on both sides when unchanged, `--------` before and
 * `++++++++` after when changed (as Argo CD and kubectl diff do). The last-applied annotation is
 * masked too, since it holds the manifest (and so the values) verbatim.
 */
import type { KubeObject } from "../api/object.js";
import { LAST_APPLIED_ANNOTATION } from "./ownership.js";

export const MASK = "********";
export const MASK_BEFORE = "--------";
export const MASK_AFTER = "++++++++";

const SECRET_FIELDS = ["data", "stringData"] as const;

type StringMap = Record<string, unknown>;

function fieldOf(obj: KubeObject | null, field: string): StringMap | undefined {
  const value = obj?.[field];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as StringMap) : undefined;
}

/** A copy of a Secret with every value (also inside the last-applied annotation) replaced by MASK. */
export function maskSecret(obj: KubeObject): KubeObject {
  if (obj.kind !== "Secret") return obj;
  return maskSecretPair(obj, null)[0] ?? obj;
}

/**
 * Masks the values of a Secret before and after a change, so a diff shows which keys changed without
 * showing any value. Objects of other kinds are returned unchanged. Never mutates its inputs.
 */
export function maskSecretPair(
  before: KubeObject | null,
  after: KubeObject | null,
): [KubeObject | null, KubeObject | null] {
  const kind = before?.kind ?? after?.kind;
  if (kind !== "Secret") return [before, after];
  const b = before && structuredClone(before);
  const a = after && structuredClone(after);
  for (const field of SECRET_FIELDS) {
    const oldValues = fieldOf(b, field);
    const newValues = fieldOf(a, field);
    for (const key of new Set([...Object.keys(oldValues ?? {}), ...Object.keys(newValues ?? {})])) {
      const changed = oldValues?.[key] !== newValues?.[key];
      if (oldValues && key in oldValues) oldValues[key] = changed ? MASK_BEFORE : MASK;
      if (newValues && key in newValues) newValues[key] = changed ? MASK_AFTER : MASK;
    }
  }
  return [b && maskLastApplied(b), a && maskLastApplied(a)];
}

/** Masks data/stringData values inside the last-applied annotation of `obj` (mutates the copy given). */
function maskLastApplied(obj: KubeObject): KubeObject {
  const text = obj.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (text === undefined || !obj.metadata.annotations) return obj;
  let recorded: unknown;
  try {
    recorded = JSON.parse(text);
  } catch {
    obj.metadata.annotations[LAST_APPLIED_ANNOTATION] = MASK;
    return obj;
  }
  if (typeof recorded === "object" && recorded !== null) {
    for (const field of SECRET_FIELDS) {
      const values = (recorded as StringMap)[field];
      if (typeof values !== "object" || values === null) continue;
      for (const key of Object.keys(values)) (values as StringMap)[key] = MASK;
    }
  }
  obj.metadata.annotations[LAST_APPLIED_ANNOTATION] = JSON.stringify(recorded);
  return obj;
}
