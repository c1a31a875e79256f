/**
 * Turns dockerode failures into SlipwayErrors with a plain message: no engine answering becomes
 * `ServerUnreachable` ("cannot reach Docker at /var/run/docker.sock: ..."), HTTP statuses map to
 * NotFound / Conflict / Internal with Docker's own message kept.
 */
import { SlipwayError } from "../../api/errors.js";

interface DockerishError {
  statusCode?: number;
  code?: string;
  reason?: string;
  message?: string;
  json?: unknown;
}

const UNREACHABLE_CODES = new Set([
  "ENOENT",
  "ECONNREFUSED",
  "EACCES",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

export function statusCodeOf(error: unknown): number | undefined {
  const code = (error as DockerishError | null)?.statusCode;
  return typeof code === "number" ? code : undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}

/** True when the error says the engine itself did not answer (as opposed to refusing a request). */
export function isUnreachable(error: unknown): boolean {
  const code = (error as DockerishError | null)?.code;
  return statusCodeOf(error) === undefined && typeof code === "string" && UNREACHABLE_CODES.has(code);
}

/** Docker's own explanation: the JSON body's `message` when there is one, else the error's message. */
export function dockerMessage(error: unknown): string {
  const e = error as DockerishError | null;
  const json = e?.json;
  if (json && typeof json === "object" && "message" in json && typeof json.message === "string") return json.message;
  if (typeof json === "string" && json.trim()) return json.trim();
  const message = e?.message ?? String(error);
  // docker-modem prefixes "(HTTP code 404) no such container - " before the body; keep the body.
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, "").trim();
}

/** Wraps any failure of a Docker call; `what` says what was being done ("create container x"). */
export function toRuntimeError(error: unknown, what: string, endpoint: string): SlipwayError {
  if (error instanceof SlipwayError) return error;
  if (isUnreachable(error)) {
    return new SlipwayError("ServerUnreachable", `cannot reach Docker at ${endpoint}: ${dockerMessage(error)}`, {
      hint: "start the engine (bash examples/setup.sh), or point DOCKER_HOST at one",
      cause: error,
    });
  }
  const status = statusCodeOf(error);
  const code = status === 404 ? "NotFound" : status === 409 ? "Conflict" : "Internal";
  return new SlipwayError(code, `${what}: ${dockerMessage(error)}`, { cause: error });
}
