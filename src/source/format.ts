/** Rendering manifest errors for people, and turning a failed load into one SlipwayError. */
import { formatPosition, SlipwayError } from "../api/errors.js";
import type { ManifestError } from "./types.js";

/**
 * `apps/web.yaml:12: spec.replicas: Invalid value: -1: must be greater than or equal to 0`;
 * `file:line:column: ...` for syntax errors; `file: ...` for errors about a whole file. One line;
 * the hint, if any, is not included.
 */
export function formatManifestError(error: ManifestError): string {
  if (error.line === undefined) return `${error.file}: ${error.message}`;
  const pos = { file: error.file, line: error.line, ...(error.column ? { column: error.column } : {}) };
  return `${formatPosition(pos)}: ${error.message}`;
}

/** One `ManifestInvalid` error listing every problem (with hints), for callers that refuse the set. */
export function manifestsInvalidError(errors: readonly ManifestError[]): SlipwayError {
  const lines = errors.flatMap((e) => [formatManifestError(e), ...(e.hint ? [`  hint: ${e.hint}`] : [])]);
  const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
  return new SlipwayError("ManifestInvalid", `${count} in manifests, nothing was applied:\n${lines.join("\n")}`, {
    hint: "fix every listed file, then run the command again",
    fieldErrors: errors.flatMap((e) => (e.fieldError ? [e.fieldError] : [])),
  });
}
