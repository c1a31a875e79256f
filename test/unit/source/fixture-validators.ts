// Small validators standing in for the API's validateObject (owned elsewhere), so the tests control
// exactly which field errors exist and can check how their paths are placed on lines.
import type { FieldError } from "../../../src/api/errors.js";
import type { KubeObject } from "../../../src/api/object.js";
import { parseFieldPath } from "../../../src/source/field-path.js";

function valueAt(object: unknown, path: string): unknown {
  let node: unknown = object;
  for (const segment of parseFieldPath(path)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Every path listed in the annotation `test.slipway.dev/fail` (comma-separated) is an Invalid error. */
function annotationErrors(object: KubeObject): FieldError[] {
  const listed = object.metadata.annotations?.["test.slipway.dev/fail"];
  if (!listed) return [];
  return listed.split(",").map((field) => ({
    type: "Invalid" as const,
    field,
    badValue: valueAt(object, field) ?? null,
    detail: "named by test.slipway.dev/fail",
  }));
}

function replicasErrors(object: KubeObject): FieldError[] {
  const replicas = valueAt(object, "spec.replicas");
  if (typeof replicas === "number" && replicas < 0) {
    return [
      { type: "Invalid", field: "spec.replicas", badValue: replicas, detail: "must be greater than or equal to 0" },
    ];
  }
  return [];
}

function labelsErrors(object: KubeObject): FieldError[] {
  const labels: unknown = object.metadata.labels;
  if (labels === undefined || (typeof labels === "object" && labels !== null && !Array.isArray(labels))) return [];
  return [{ type: "Invalid", field: "metadata.labels", badValue: labels, detail: "must be a map of strings" }];
}

export const FIXTURE_VALIDATORS: Record<string, (object: KubeObject) => FieldError[]> = {
  none: () => [],
  "labels-are-a-map": labelsErrors,
  "annotation-and-replicas": (object) => [...replicasErrors(object), ...annotationErrors(object)],
};
