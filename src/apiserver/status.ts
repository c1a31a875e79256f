/**
 * Kubernetes `Status` objects, both ways: a SlipwayError becomes the Status body the API server
 * answers with, and a Status body read by the HTTP client becomes the same SlipwayError again
 * (code, message, details, field errors), so a caller cannot tell a remote error from a local one.
 */
import {
  ERROR_STATUS,
  type ErrorCode,
  type FieldError,
  type FieldErrorType,
  formatFieldError,
  isSlipwayError,
  SlipwayError,
} from "../api/errors.js";

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
  /**
   * Slipway's extension: the SlipwayError's hint, so the HTTP client can give it back. Kubernetes
   * clients decode Status leniently and ignore it.
   */
  hint?: string;
}

// Keyed by string, not FieldErrorType, so a new field error type still maps (to FieldValue<Type>).
const CAUSE_REASON: Record<string, string> = {
  Required: "FieldValueRequired",
  Invalid: "FieldValueInvalid",
  NotSupported: "FieldValueNotSupported",
  Duplicate: "FieldValueDuplicate",
  Forbidden: "FieldValueForbidden",
  TooLong: "FieldValueTooLong",
  TooMany: "FieldValueTooMany",
  UnknownField: "FieldValueUnknown",
  NotFound: "FieldValueNotFound",
};

function causeReason(type: FieldErrorType): string {
  return CAUSE_REASON[type] ?? `FieldValue${type}`;
}

const TYPE_BY_CAUSE = new Map(Object.entries(CAUSE_REASON).map(([type, reason]) => [reason, type as FieldErrorType]));

/** A failure Status with an explicit HTTP code and reason, for errors that have no ErrorCode (413, 415). */
export function failureStatus(code: number, reason: string, message: string, details?: StatusDetails): Status {
  const status: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
  if (details) status.details = details;
  return status;
}

export function successStatus(details: StatusDetails): Status {
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", details, code: 200 };
}

/**
 * The Status for any thrown value. SlipwayErrors keep their message, reason and causes; anything
 * else is a bug and becomes a bare 500 whose message leaks no stack trace or internals.
 */
export function statusFromError(error: unknown): Status {
  if (!isSlipwayError(error)) return failureStatus(500, "InternalError", "Internal error occurred");
  const { http, reason } = ERROR_STATUS[error.code];
  const details: StatusDetails = {};
  if (error.details?.name !== undefined) details.name = error.details.name;
  if (error.details?.group !== undefined) details.group = error.details.group;
  if (error.details?.kind !== undefined) details.kind = error.details.kind;
  if (error.fieldErrors.length > 0) {
    details.causes = error.fieldErrors.map((fe) => ({
      reason: causeReason(fe.type),
      // Kubernetes puts the field in `field` and the rest of the sentence in `message`.
      message: formatFieldError(fe, false).slice(fe.field.length + 2),
      field: fe.field,
    }));
  }
  const status = failureStatus(http, reason, error.message, Object.keys(details).length > 0 ? details : undefined);
  if (error.hint) status.hint = error.hint;
  return status;
}

/** True when a parsed JSON body looks like a Kubernetes Status. */
export function isStatus(body: unknown): body is Status {
  return typeof body === "object" && body !== null && (body as { kind?: unknown }).kind === "Status";
}

const CODE_BY_REASON: Record<string, ErrorCode> = {
  NotFound: "NotFound",
  AlreadyExists: "AlreadyExists",
  Conflict: "Conflict",
  Invalid: "Invalid",
  BadRequest: "BadRequest",
  Unauthorized: "Unauthorized",
  Forbidden: "Forbidden",
  MethodNotAllowed: "MethodNotAllowed",
  Expired: "Gone",
  Gone: "Gone",
  ServiceUnavailable: "ServerUnreachable",
  InternalError: "Internal",
  RequestEntityTooLarge: "BadRequest",
  UnsupportedMediaType: "BadRequest",
};

const CODE_BY_HTTP: Record<number, ErrorCode> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  409: "Conflict",
  410: "Gone",
  413: "BadRequest",
  415: "BadRequest",
  422: "Invalid",
  503: "ServerUnreachable",
};

/** Rebuilds the SlipwayError a failure Status was made from (or the closest code for foreign ones). */
export function errorFromStatus(status: Status, httpCode = status.code): SlipwayError {
  const code = (status.reason && CODE_BY_REASON[status.reason]) || CODE_BY_HTTP[httpCode] || "Internal";
  const fieldErrors = (status.details?.causes ?? []).map(fieldErrorFromCause);
  const details: { name?: string; kind?: string; group?: string } = {};
  if (status.details?.name !== undefined) details.name = status.details.name;
  if (status.details?.kind !== undefined) details.kind = status.details.kind;
  if (status.details?.group !== undefined) details.group = status.details.group;
  return new SlipwayError(code, status.message ?? `request failed with HTTP ${httpCode}`, {
    fieldErrors,
    ...(Object.keys(details).length > 0 ? { details } : {}),
    ...(typeof status.hint === "string" ? { hint: status.hint } : {}),
  });
}

const TYPE_TEXTS = [
  "Required value",
  "Invalid value",
  "Unsupported value",
  "Duplicate value",
  "Forbidden",
  "Too long",
  "Too many",
  "Unknown field",
  "Not found",
];

/** Field error types whose rendering carries the bad value. */
const SHOWS_VALUE = new Set<string>(["Invalid", "NotSupported", "Duplicate", "NotFound"]);

/**
 * Recovers a FieldError from a cause so that formatFieldError renders the very same sentence; the
 * bad value is recovered when it round-trips through its rendering, else it stays in the detail.
 */
function fieldErrorFromCause(cause: StatusCause): FieldError {
  const type = TYPE_BY_CAUSE.get(cause.reason) ?? "Invalid";
  const fe: FieldError = { type, field: cause.field ?? "" };
  let rest = cause.message ?? "";
  const typeText = TYPE_TEXTS.find((t) => rest === t || rest.startsWith(`${t}: `));
  if (typeText === undefined) {
    if (rest) fe.detail = rest;
    return fe;
  }
  rest = rest.slice(typeText.length + 2);
  if (SHOWS_VALUE.has(type) && rest) {
    const value = splitValue(rest);
    if (value) {
      fe.badValue = value.value;
      rest = value.rest;
    }
  }
  if (rest) fe.detail = rest;
  return fe;
}

function splitValue(text: string): { value: unknown; rest: string } | undefined {
  let end = text.indexOf(": ");
  while (true) {
    const token = end < 0 ? text : text.slice(0, end);
    const parsed = parseRendered(token);
    if (parsed.ok) return { value: parsed.value, rest: end < 0 ? "" : text.slice(end + 2) };
    if (end < 0) return undefined;
    end = text.indexOf(": ", end + 2);
  }
}

function parseRendered(token: string): { ok: true; value: unknown } | { ok: false } {
  if (token === "undefined") return { ok: true, value: undefined };
  try {
    const value: unknown = JSON.parse(token);
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}
