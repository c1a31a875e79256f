/** Builders for FieldErrors, named after Kubernetes' field.Required, field.Invalid, ... */
import type { FieldError } from "../errors.js";

export function required(field: string, detail?: string): FieldError {
  return detail ? { type: "Required", field, detail } : { type: "Required", field };
}

export function invalid(field: string, badValue: unknown, detail: string): FieldError {
  return { type: "Invalid", field, badValue, detail };
}

/** One Invalid error per message, as Kubernetes reports each failed rule of a name check. */
export function invalidEach(field: string, badValue: unknown, messages: readonly string[]): FieldError[] {
  return messages.map((m) => invalid(field, badValue, m));
}

export function notSupported(field: string, badValue: unknown, supported: readonly string[]): FieldError {
  const detail = `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`;
  return { type: "NotSupported", field, badValue, detail };
}

export function duplicate(field: string, badValue: unknown): FieldError {
  return { type: "Duplicate", field, badValue };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: "Forbidden", field, detail };
}

export function tooLong(field: string, maxBytes: number): FieldError {
  return { type: "TooLong", field, detail: `may not be more than ${maxBytes} bytes` };
}

export function notFound(field: string, badValue: unknown): FieldError {
  return { type: "NotFound", field, badValue };
}

export const NON_NEGATIVE = "must be greater than or equal to 0";

/** `must be greater than or equal to 0` for a set, negative number. */
export function nonNegative(field: string, value: number | undefined): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(field, value, NON_NEGATIVE)] : [];
}

/** Checks `value` is one of `supported` when it is set. */
export function oneOf(field: string, value: string | undefined, supported: readonly string[]): FieldError[] {
  return value !== undefined && !supported.includes(value) ? [notSupported(field, value, supported)] : [];
}
