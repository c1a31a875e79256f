/**
 * What a command handler returns, and the exit codes `main` turns results and errors into.
 * Handlers never print or exit; only main does.
 */
import { type ErrorCode, isSlipwayError } from "../api/errors.js";

export interface CommandResult {
  /** Printed to stdout as is (a trailing newline is added when missing). */
  output: string;
  exitCode: number;
  /** Printed to stderr: warnings and progress summaries that scripts should not parse. */
  notes?: string;
}

/** Documented in README.md ("Exit codes"); keep the two in step. */
export const EXIT = {
  ok: 0,
  /** `diff`: there are changes. Other commands: some steps of an operation failed. */
  changes: 1,
  usage: 2,
  invalid: 3,
  notFound: 4,
  conflict: 5,
  unreachable: 6,
  internal: 10,
} as const;

const byCode: Record<ErrorCode, number> = {
  Usage: EXIT.usage,
  BadRequest: EXIT.invalid,
  Invalid: EXIT.invalid,
  ManifestInvalid: EXIT.invalid,
  NotFound: EXIT.notFound,
  AlreadyExists: EXIT.conflict,
  Conflict: EXIT.conflict,
  Gone: EXIT.conflict,
  MethodNotAllowed: EXIT.invalid,
  Unauthorized: EXIT.unreachable,
  Forbidden: EXIT.unreachable,
  ServerUnreachable: EXIT.unreachable,
  Internal: EXIT.internal,
};

export function exitCodeFor(error: unknown): number {
  return isSlipwayError(error) ? byCode[error.code] : EXIT.internal;
}

export function ok(output: string, notes?: string): CommandResult {
  return notes === undefined ? { output, exitCode: EXIT.ok } : { output, exitCode: EXIT.ok, notes };
}
