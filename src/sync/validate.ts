/**
 * Plan-time validation: every object a plan would write is checked as the API server would check
 * it, so one invalid manifest refuses the whole plan before anything is written.
 */
import { type FieldError, formatFieldError, formatPosition, type SourcePosition } from "../api/errors.js";
import { formatKey, type KubeObject, type ObjectKey } from "../api/object.js";
import { validateObject, validateObjectUpdate } from "../api/validation/index.js";
import type { PlanError } from "./types.js";

/** Checks the object a step would write; `previous` is the live object for an update, else null. */
export type Validator = (next: KubeObject, previous: KubeObject | null) => FieldError[];

/** The API server's own rules (src/api/validation). */
export const apiValidator: Validator = (next, previous) =>
  previous ? validateObjectUpdate(next, previous) : validateObject(next);

/** One PlanError per field error, named `file:line: Kind/ns/name: field: problem`. */
export function validationErrors(
  key: ObjectKey,
  errors: readonly FieldError[],
  source: SourcePosition | undefined,
): PlanError[] {
  const where = source ? `${formatPosition(source)}: ` : "";
  return errors.map((fieldError) => {
    const error: PlanError = {
      key,
      message: `${where}${formatKey(key)}: ${formatFieldError(fieldError, false)}`,
      fieldError,
    };
    if (source) error.source = source;
    return error;
  });
}
