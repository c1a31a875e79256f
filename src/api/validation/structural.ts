/**
 * The structural pass: walks an object against its kind's schema and reports unknown fields and
 * values of the wrong type. `null` counts as absent, as in Kubernetes' JSON decoding.
 */
import type { FieldError } from "../errors.js";
import { invalid } from "./field-errors.js";
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

/** What one walk found. Paths are built only for errors: most objects have none. */
interface Walk {
  errors: FieldError[];
  /** Segments of the current path: `spec`, `.containers`, `[0]`. */
  segments: string[];
  sawNull: boolean;
}

function at(walk: Walk): string {
  return walk.segments.join("");
}

/**
 * Checks `value` against a schema type, appending problems (with paths below `path`) to `errors`.
 * Returns whether a `null` was seen, so callers know if withoutNulls is needed.
 */
export function checkShape(value: unknown, type: string, path: string, errors: FieldError[]): boolean {
  const walk: Walk = { errors, segments: path ? [path] : [], sawNull: false };
  visit(value, type, walk);
  return walk.sawNull;
}

function visit(value: unknown, type: string, walk: Walk): void {
  if (value === undefined) return;
  if (value === null) {
    walk.sawNull = true;
    return;
  }
  const primitive = PRIMITIVES[type];
  if (primitive) {
    if (!primitive.test(value)) walk.errors.push(invalid(at(walk), value, primitive.detail));
    return;
  }
  if (type.startsWith("[]")) {
    if (!Array.isArray(value)) {
      walk.errors.push(invalid(at(walk), value, "must be a list"));
      return;
    }
    const itemType = type.slice(2);
    for (let i = 0; i < value.length; i++) {
      walk.segments.push(`[${i}]`);
      visit(value[i], itemType, walk);
      walk.segments.pop();
    }
    return;
  }
  if (!isPlainObject(value)) {
    walk.errors.push(invalid(at(walk), value, "must be an object"));
    return;
  }
  const isMap = type.startsWith("map[");
  const struct = isMap ? undefined : STRUCTS[type];
  if (!isMap && !struct) throw new Error(`schema has no type ${type}`);
  const itemType = isMap ? type.slice(4, -1) : "";
  const separator = walk.segments.length > 0 ? "." : "";
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    walk.segments.push(isMap ? `[${name}]` : `${separator}${name}`);
    const fieldType = struct ? struct[name] : itemType;
    if (fieldType === undefined) walk.errors.push({ type: "UnknownField", field: at(walk) });
    else visit(value[name], fieldType, walk);
    walk.segments.pop();
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
