/**
 * Errors a user can cause carry a stable code, an HTTP status and reason as Kubernetes reports
 * them, and a hint. Bugs stay plain `Error`s. Field errors render exactly like Kubernetes'
 * `field.Error`: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.
 */

export type ErrorCode =
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Invalid"
  | "BadRequest"
  | "Unauthorized"
  | "Forbidden"
  | "MethodNotAllowed"
  | "Gone"
  | "ManifestInvalid"
  | "ServerUnreachable"
  | "Usage"
  | "Internal";

/** HTTP status and Kubernetes `Status.reason` per code. */
export const ERROR_STATUS: Record<ErrorCode, { http: number; reason: string }> = {
  NotFound: { http: 404, reason: "NotFound" },
  AlreadyExists: { http: 409, reason: "AlreadyExists" },
  Conflict: { http: 409, reason: "Conflict" },
  Invalid: { http: 422, reason: "Invalid" },
  BadRequest: { http: 400, reason: "BadRequest" },
  Unauthorized: { http: 401, reason: "Unauthorized" },
  Forbidden: { http: 403, reason: "Forbidden" },
  MethodNotAllowed: { http: 405, reason: "MethodNotAllowed" },
  Gone: { http: 410, reason: "Expired" },
  ManifestInvalid: { http: 422, reason: "Invalid" },
  ServerUnreachable: { http: 503, reason: "ServiceUnavailable" },
  Usage: { http: 400, reason: "BadRequest" },
  Internal: { http: 500, reason: "InternalError" },
};

export type FieldErrorType =
  | "Required"
  | "Invalid"
  | "NotSupported"
  | "Duplicate"
  | "Forbidden"
  | "TooLong"
  | "TooMany"
  | "UnknownField"
  | "NotFound";

/** One problem with one field, addressed by its path (`spec.containers[0].image`). */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue?: unknown;
  detail?: string;
  /** Where the object came from, when it was read from a manifest. */
  source?: SourcePosition;
}

export interface SourcePosition {
  file: string;
  line: number;
  column?: number;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  Required: "Required value",
  Invalid: "Invalid value",
  NotSupported: "Unsupported value",
  Duplicate: "Duplicate value",
  Forbidden: "Forbidden",
  TooLong: "Too long",
  TooMany: "Too many",
  UnknownField: "Unknown field",
  NotFound: "Not found",
};

function renderValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Renders a field error the way Kubernetes does; `withSource` prefixes `file:line: `. */
export function formatFieldError(error: FieldError, withSource = true): string {
  const parts = [error.field, TYPE_TEXT[error.type]];
  let text = `${parts[0]}: ${parts[1]}`;
  const showsValue =
    error.type === "Invalid" ||
    error.type === "NotSupported" ||
    error.type === "Duplicate" ||
    error.type === "NotFound";
  if (showsValue && "badValue" in error) text += `: ${renderValue(error.badValue)}`;
  if (error.detail) text += `: ${error.detail}`;
  if (withSource && error.source) return `${formatPosition(error.source)}: ${text}`;
  return text;
}

export function formatPosition(pos: SourcePosition): string {
  return pos.column ? `${pos.file}:${pos.line}:${pos.column}` : `${pos.file}:${pos.line}`;
}

export interface SlipwayErrorOptions {
  hint?: string;
  cause?: unknown;
  fieldErrors?: FieldError[];
  /** Kubernetes `Status.details` (name, kind) when the error is about one object. */
  details?: { name?: string; kind?: string; group?: string };
}

export class SlipwayError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly fieldErrors: FieldError[];
  readonly details: SlipwayErrorOptions["details"];

  constructor(code: ErrorCode, message: string, options: SlipwayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SlipwayError";
    this.code = code;
    this.hint = options.hint;
    this.fieldErrors = options.fieldErrors ?? [];
    this.details = options.details;
  }

  get httpStatus(): number {
    return ERROR_STATUS[this.code].http;
  }
}

export function isSlipwayError(error: unknown, code?: ErrorCode): error is SlipwayError {
  return error instanceof SlipwayError && (code === undefined || error.code === code);
}

/** Builds the 422 error Kubernetes returns for an object that fails validation. */
export function invalidObjectError(kind: string, name: string, errors: FieldError[]): SlipwayError {
  const list = errors.map((e) => formatFieldError(e, false)).join(", ");
  return new SlipwayError("Invalid", `${kind} "${name}" is invalid: ${list}`, {
    fieldErrors: errors,
    details: { kind, name },
  });
}
