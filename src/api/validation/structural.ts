/**
 * The structural pass: walks an object against its kind's schema and reports unknown fields and
 * values of the wrong type. `null` counts as absent, as in Kubernetes' JSON decoding.
 */
import type { FieldError } from "../errors.js";
import { child, key } from "./path.js";
import { STRUCTS } from "./schema.js";

const PRIMITIVES: Readonly<Record<string, { test: (v: unknown) => boolean; detail: string }>> = {
  string: { test: (v) => typeof v === "string", detail: "must be a string" },
  int: { test: (v) => Number.isInteger(v), detail: "must be an integer" },
  number: { test: (v) => typeof v === "number" && Number.isFinite(v), detail: "must be a number" },
  bool: { test: (v) => typeof v === "boolean", detail: "must be a boolean" },
  quantity: {
    test: (v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)),
    detail: "must be a string or a number",
  },
  intOrString: { test: (v) => typeof v === "string" || Number.isInteger(v), detail: "must be an integer or a string" },
  any: { test: () => true, detail: "" },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks `value` (at `path`) against a schema type, appending problems to `errors`. */
export function checkShape(value: unknown, type: string, path: string, errors: FieldError[]): void {
  if (value === null || value === undefined) return;
  const primitive = PRIMITIVES[type];
  if (primitive) {
    if (!primitive.test(value))
      errors.push({ type: "Invalid", field: path, badValue: value, detail: primitive.detail });
    return;
  }
  if (type.startsWith("[]")) {
    if (!Array.isArray(value)) {
      errors.push({ type: "Invalid", field: path, badValue: value, detail: "must be a list" });
      return;
    }
    value.forEach((item, i) => {
      checkShape(item, type.slice(2), `${path}[${i}]`, errors);
    });
    return;
  }
  if (!isPlainObject(value)) {
    errors.push({ type: "Invalid", field: path, badValue: value, detail: "must be an object" });
    return;
  }
  if (type.startsWith("map[")) {
    const itemType = type.slice(4, -1);
    for (const [k, v] of Object.entries(value)) checkShape(v, itemType, key(path, k), errors);
    return;
  }
  const struct = STRUCTS[type];
  if (!struct) throw new Error(`schema has no type ${type}`);
  for (const [name, fieldValue] of Object.entries(value)) {
    const fieldType = struct[name];
    if (fieldType === undefined) errors.push({ type: "UnknownField", field: child(path, name) });
    else checkShape(fieldValue, fieldType, child(path, name), errors);
  }
}

/** True when the schema describes this kind (it has a root struct). */
export function hasSchema(kind: string): boolean {
  return Object.hasOwn(STRUCTS, kind);
}

/** Returns a copy without `null` values in objects, so later passes can treat absent uniformly. */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutNulls(v)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out as T;
}
