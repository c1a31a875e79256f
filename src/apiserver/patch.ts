/**
 * Applies a patch body to an object locally, for the three patch types Kubernetes serves. The API
 * server uses it where the Client has no patch operation of its own (the status subresource) and
 * for dry runs. Pure.
 */
import jsonpatch from "fast-json-patch";
import type { PatchType } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import type { KubeObject } from "../api/object.js";
import { applyStrategicMergePatch } from "../api/strategic-merge.js";

/** RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return structuredClone(patch);
  const result: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Returns the patched copy of obj; a malformed patch is a BadRequest, like Kubernetes. */
export function applyPatch(obj: KubeObject, patch: unknown, type: PatchType): KubeObject {
  switch (type) {
    case "merge":
      return applyMergePatch(obj, patch) as KubeObject;
    case "strategic":
      return applyStrategicMergePatch(obj.kind, obj, patch) as KubeObject;
    case "json": {
      if (!Array.isArray(patch)) throw new SlipwayError("BadRequest", "a JSON patch must be an array of operations");
      try {
        return jsonpatch.applyPatch(structuredClone(obj), patch, true, false).newDocument;
      } catch (error) {
        throw new SlipwayError("BadRequest", `the JSON patch could not be applied: ${(error as Error).message}`);
      }
    }
  }
}

const PATCH_TYPES: Record<string, PatchType> = {
  "application/merge-patch+json": "merge",
  "application/json-patch+json": "json",
  "application/strategic-merge-patch+json": "strategic",
};

/** The patch type named by a Content-Type header, or undefined for anything Slipway does not serve. */
export function patchTypeFor(contentType: string | undefined): PatchType | undefined {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return PATCH_TYPES[mediaType];
}

/** The Content-Type header for a patch type (the inverse of patchTypeFor). */
export function contentTypeFor(type: PatchType): string {
  const entry = Object.entries(PATCH_TYPES).find(([, t]) => t === type);
  return entry?.[0] ?? "application/merge-patch+json";
}
