import { describe, expect, it } from "vitest";
import type { FieldError } from "../../../../src/api/errors.js";
import type { KubeObject } from "../../../../src/api/object.js";
import { isDns1123Subdomain, isQualifiedName } from "../../../../src/api/validation/names.js";
import { STRUCTS } from "../../../../src/api/validation/schema.js";
import { checkShape } from "../../../../src/api/validation/structural.js";
import { configMap, deployment, endpoints, event, node, pod, secret, service } from "./objects.js";

/** The straightforward structural walk the compiled one replaced: the reference for equivalence. */
function referenceShape(value: unknown, type: string, path: string, errors: FieldError[]): boolean {
  let sawNull = false;
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  const tests: Record<string, [(v: unknown) => boolean, string]> = {
    string: [(v) => typeof v === "string", "must be a string"],
    int: [(v) => Number.isInteger(v), "must be an integer"],
    number: [(v) => typeof v === "number" && Number.isFinite(v), "must be a number"],
    bool: [(v) => typeof v === "boolean", "must be a boolean"],
    quantity: [
      (v) => typeof v === "string" || (typeof v === "number" && Number.isFinite(v)),
      "must be a string or a number",
    ],
    intOrString: [(v) => typeof v === "string" || Number.isInteger(v), "must be an integer or a string"],
    any: [() => true, ""],
  };
  const visit = (v: unknown, t: string, at: string): void => {
    if (v === undefined) return;
    if (v === null) {
      sawNull = true;
      return;
    }
    const primitive = tests[t];
    if (primitive) {
      if (!primitive[0](v)) errors.push({ type: "Invalid", field: at, badValue: v, detail: primitive[1] });
      return;
    }
    if (t.startsWith("[]")) {
      if (!Array.isArray(v)) errors.push({ type: "Invalid", field: at, badValue: v, detail: "must be a list" });
      else
        v.forEach((item, i) => {
          visit(item, t.slice(2), `${at}[${i}]`);
        });
      return;
    }
    if (!isObject(v)) {
      errors.push({ type: "Invalid", field: at, badValue: v, detail: "must be an object" });
      return;
    }
    const isMap = t.startsWith("map[");
    for (const [name, child] of Object.entries(v)) {
      const field = isMap ? `${at}[${name}]` : at ? `${at}.${name}` : name;
      const fieldType = isMap ? t.slice(4, -1) : STRUCTS[t]?.[name];
      if (fieldType === undefined) errors.push({ type: "UnknownField", field });
      else visit(child, fieldType, field);
    }
  };
  visit(value, type, path);
  return sawNull;
}

/** A deterministic generator, so a failure names a reproducible case. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const ODD_VALUES: unknown[] = [null, 3, 1.5, "x", true, [], ["a", null], {}, { extra: 1 }, Number.NaN];

/** A copy of obj with one value somewhere replaced by an odd value or an unknown field added. */
function mutate(obj: unknown, next: () => number): unknown {
  const copy = structuredClone(obj);
  let node: unknown = copy;
  for (let depth = 0; depth < 6; depth++) {
    const container = node as Record<string, unknown>;
    const keys = Object.keys(container);
    if (keys.length === 0) break;
    const key = keys[Math.floor(next() * keys.length)]!;
    const child = container[key];
    if (typeof child !== "object" || child === null || next() < 0.25) {
      if (next() < 0.2) container[`unknown${depth}`] = 1;
      else container[key] = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
      return copy;
    }
    node = child;
  }
  return copy;
}

describe("the compiled structural check", () => {
  const objects: KubeObject[] = [pod(), deployment(), service(), configMap(), secret(), node(), event(), endpoints()];

  it("reports exactly what the plain schema walk reports, on valid and on thousands of broken objects", () => {
    const next = random(42);
    let broken = 0;
    for (const obj of objects) {
      for (let i = 0; i < 400; i++) {
        const value = i === 0 ? obj : mutate(obj, next);
        const fast: FieldError[] = [];
        const slow: FieldError[] = [];
        const fastNull = checkShape(value, obj.kind, "", fast);
        const slowNull = referenceShape(value, obj.kind, "", slow);
        expect({ errors: fast, sawNull: fastNull }).toEqual({ errors: slow, sawNull: slowNull });
        if (slow.length > 0) broken++;
      }
    }
    // The generator must really produce broken objects, or the comparison proves little.
    expect(broken).toBeGreaterThan(1000);
  });

  it("places errors below a base path", () => {
    const errors: FieldError[] = [];
    checkShape({ containers: [{ name: 1 }] }, "PodSpec", "spec.template.spec", errors);
    expect(errors.map((e) => e.field)).toEqual(["spec.template.spec.containers[0].name"]);
  });
});

/** isQualifiedName as it was before its one-test fast path for short valid names. */
function referenceQualifiedName(value: string): string[] {
  const parts = value.split("/");
  const errs: string[] = [];
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    name = parts[1]!;
    if (parts[0] === "") errs.push("prefix part must be non-empty");
    else errs.push(...isDns1123Subdomain(parts[0]!).map((m) => `prefix part ${m}`));
  } else return ["too many parts"];
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (name.length > 63) errs.push("too long");
  if (!/^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/.test(name)) errs.push("regex");
  return errs;
}

describe("isQualifiedName's fast path", () => {
  it("accepts exactly the names the full check accepts", () => {
    const next = random(7);
    const alphabet = "abcAZ09-._/";
    const samples = [
      "app",
      "app.kubernetes.io/name",
      "kubectl.kubernetes.io/last-applied-configuration",
      "a/b/c",
      "/x",
      "x/",
    ];
    for (let i = 0; i < 20_000; i++) {
      const length = 1 + Math.floor(next() * 70);
      samples.push(Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(""));
    }
    for (const value of samples) {
      expect(isQualifiedName(value).length === 0, value).toBe(referenceQualifiedName(value).length === 0);
    }
  });
});
