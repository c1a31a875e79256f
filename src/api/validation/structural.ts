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

/**
 * A schema type resolved once into a tree of nodes, so the walk over thousands of objects does no
 * string parsing of type names and no table look-ups.
 */
type Node =
  | { kind: "primitive"; test: (v: unknown) => boolean; detail: string }
  | { kind: "any" }
  | { kind: "list"; item: Node }
  | { kind: "map"; item: Node }
  | { kind: "struct"; fields: Map<string, Node> };

const compiled = new Map<string, Node>();

function compile(type: string): Node {
  const known = compiled.get(type);
  if (known) return known;
  if (type === "any") return remember(type, { kind: "any" });
  const primitive = PRIMITIVES[type];
  if (primitive) return remember(type, { kind: "primitive", test: primitive.test, detail: primitive.detail });
  // Lists and maps are built before their item so recursive schemas terminate.
  if (type.startsWith("[]")) {
    const node: { kind: "list"; item: Node } = { kind: "list", item: { kind: "any" } };
    remember(type, node);
    node.item = compile(type.slice(2));
    return node;
  }
  if (type.startsWith("map[")) {
    const node: { kind: "map"; item: Node } = { kind: "map", item: { kind: "any" } };
    remember(type, node);
    node.item = compile(type.slice(4, -1));
    return node;
  }
  const struct = STRUCTS[type];
  if (!struct) throw new Error(`schema has no type ${type}`);
  const node: { kind: "struct"; fields: Map<string, Node> } = { kind: "struct", fields: new Map() };
  remember(type, node);
  for (const [name, fieldType] of Object.entries(struct)) node.fields.set(name, compile(fieldType));
  return node;
}

function remember(type: string, node: Node): Node {
  compiled.set(type, node);
  return node;
}

/**
 * One step of the current path: a field name, a map key (`[key]`) or a list index (`[0]`). Kept
 * as raw parts and joined only for an error: most objects have none.
 */
type Step = { name: string; bracket: boolean };

/** What one walk found. */
interface Walk {
  errors: FieldError[];
  base: string;
  steps: Step[];
  sawNull: boolean;
}

function at(walk: Walk): string {
  let path = walk.base;
  for (const step of walk.steps) {
    if (step.bracket) path += `[${step.name}]`;
    else path += path ? `.${step.name}` : step.name;
  }
  return path;
}

/**
 * Checks `value` against a schema type, appending problems (with paths below `path`) to `errors`.
 * Returns whether a `null` was seen, so callers know if withoutNulls is needed.
 */
export function checkShape(value: unknown, type: string, path: string, errors: FieldError[]): boolean {
  const walk: Walk = { errors, base: path, steps: [], sawNull: false };
  visit(value, compile(type), walk);
  return walk.sawNull;
}

function visit(value: unknown, node: Node, walk: Walk): void {
  if (value === undefined) return;
  if (value === null) {
    walk.sawNull = true;
    return;
  }
  switch (node.kind) {
    case "any":
      return;
    case "primitive":
      if (!node.test(value)) walk.errors.push(invalid(at(walk), value, node.detail));
      return;
    case "list": {
      if (!Array.isArray(value)) {
        walk.errors.push(invalid(at(walk), value, "must be a list"));
        return;
      }
      const item = node.item;
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        // Nothing below an `any` item or a valid primitive needs a path (a null still counts).
        if (v === null) walk.sawNull = true;
        if (v === null || v === undefined || item.kind === "any") continue;
        if (item.kind === "primitive" && item.test(v)) continue;
        walk.steps.push({ name: String(i), bracket: true });
        visit(v, item, walk);
        walk.steps.pop();
      }
      return;
    }
    default:
      break;
  }
  if (!isPlainObject(value)) {
    walk.errors.push(invalid(at(walk), value, "must be an object"));
    return;
  }
  const isMap = node.kind === "map";
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue;
    const fieldNode = isMap ? node.item : node.fields.get(name);
    const v = value[name];
    if (fieldNode === undefined) {
      walk.steps.push({ name, bracket: false });
      walk.errors.push({ type: "UnknownField", field: at(walk) });
      walk.steps.pop();
      continue;
    }
    if (v === null) walk.sawNull = true;
    if (v === null || v === undefined || fieldNode.kind === "any") continue;
    if (fieldNode.kind === "primitive" && fieldNode.test(v)) continue;
    walk.steps.push({ name, bracket: isMap });
    visit(v, fieldNode, walk);
    walk.steps.pop();
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
