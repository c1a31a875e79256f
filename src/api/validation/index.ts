// OWNER: api helper. Stub signatures; replace with the real implementation.
import type { FieldError } from "../errors.js";
import type { KubeObject } from "../object.js";

/**
 * Validates one object as the API server would on create: known apiVersion/kind, names, labels,
 * annotations, unknown fields, types, required fields and the kind's own rules. Pure.
 * Field paths are relative to the object root: `spec.template.spec.containers[0].image`.
 */
export function validateObject(_obj: KubeObject): FieldError[] {
  return [];
}

/** Validates an update: everything validateObject checks plus immutable fields. Pure. */
export function validateObjectUpdate(next: KubeObject, _previous: KubeObject): FieldError[] {
  return validateObject(next);
}
