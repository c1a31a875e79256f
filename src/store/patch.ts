import jsonPatch from "fast-json-patch";
import type { PatchType } from "../api/client.js";
import { cloneJson } from "../api/clone.js";
import { SlipwayError } from "../api/errors.js";
import type { KubeObject } from "../api/object.js";
import { applyStrategicMergePatch } from "../api/strategic-merge.js";

/**
 * Applies a patch to a copy of `live` as the API server does before treating the result as an
 * update. Malformed patches are BadRequest (400); a JSON patch that cannot apply (a failed `test`,
 * a missing path) is Invalid (422) with the library's message. Pure.
 */
export function applyPatch(live: KubeObject, patch: unknown, type: PatchType): KubeObject {
  const base = cloneJson(live);
  let result: unknown;
  switch (type) {
    case "merge":
      if (!isPlainObject(patch)) throw new SlipwayError("BadRequest", "a merge patch must be a JSON object");
      result = mergePatch(base, patch);
      break;
    case "json":
      result = applyJsonPatch(base, patch);
      break;
    case "strategic":
      if (!isPlainObject(patch)) throw new SlipwayError("BadRequest", "a strategic merge patch must be a JSON object");
      result = applyStrategicMergePatch(live.kind, base, patch);
      break;
    default:
      throw new SlipwayError("BadRequest", `unsupported patch type ${String(type)}`);
  }
  if (!isPlainObject(result) || !isPlainObject(result.metadata)) {
    throw new SlipwayError("Invalid", "the patched object must be an object with metadata");
  }
  return result as KubeObject;
}

/** RFC 7386: objects merge recursively, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return cloneJson(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function applyJsonPatch(document: KubeObject, patch: unknown): unknown {
  if (!Array.isArray(patch)) throw new SlipwayError("BadRequest", "a JSON patch must be an array of operations");
  const error = jsonPatch.validate(patch, document);
  if (error) {
    // A well-formed patch that does not fit this object is 422, as Kubernetes answers; a malformed one 400.
    const misfit = error.name === "OPERATION_PATH_UNRESOLVABLE" || error.name === "TEST_OPERATION_FAILED";
    const at = error.index === undefined ? "" : ` (operation ${error.index})`;
    throw new SlipwayError(
      misfit ? "Invalid" : "BadRequest",
      `the JSON patch cannot be applied${at}: ${firstLine(error.message)}`,
    );
  }
  try {
    return jsonPatch.applyPatch(document, patch, false, true, true).newDocument;
  } catch (cause) {
    throw new SlipwayError("Invalid", `the JSON patch cannot be applied: ${firstLine(String(cause))}`, { cause });
  }
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
