import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { defaultImagePullPolicy, withDefaults } from "../../../../src/api/defaults/index.js";
import type { KubeObject } from "../../../../src/api/object.js";

const FIXTURES = join(import.meta.dirname, "fixtures");

function readObject(file: string): KubeObject {
  return load(readFileSync(file, "utf8")) as KubeObject;
}

/** Each fixture folder holds input.yaml and the expected.yaml withDefaults must turn it into. */
const cases = readdirSync(FIXTURES).map((name) => ({
  name,
  input: readObject(join(FIXTURES, name, "input.yaml")),
  expected: readObject(join(FIXTURES, name, "expected.yaml")),
}));

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe("withDefaults", () => {
  it("has fixtures to run", () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)("fills Kubernetes' defaults: $name", ({ input, expected }) => {
    expect(withDefaults(input)).toEqual(expected);
  });

  it.each(cases)("never mutates its input: $name", ({ input }) => {
    const before = structuredClone(input);
    const frozen = deepFreeze(structuredClone(input));
    withDefaults(frozen);
    withDefaults(input);
    expect(input).toEqual(before);
  });

  it.each(cases)("is idempotent: $name", ({ input }) => {
    const once = withDefaults(input);
    expect(withDefaults(once)).toEqual(once);
  });

  it("returns a copy that shares nothing with the input", () => {
    const input: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "x" },
      data: {},
    };
    const output = withDefaults(input);
    expect(output).not.toBe(input);
    expect(output.metadata).not.toBe(input.metadata);
    expect(output.data).not.toBe(input.data);
  });

  it("gives a ReplicationController copies of the template labels, not the same map", () => {
    const output = withDefaults(cases.find((c) => c.name === "rc-selector-and-labels-from-template")!.input);
    const spec = output.spec as { selector: object; template: { metadata: { labels: object } } };
    expect(spec.selector).not.toBe(spec.template.metadata.labels);
    expect(output.metadata.labels).not.toBe(spec.template.metadata.labels);
  });

  it.each<[string, KubeObject]>([
    ["a Pod without spec", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }],
    ["a Pod whose spec is a string", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: "x" }],
    [
      "a Pod whose containers are not a list",
      { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: { name: "c" } } },
    ],
    [
      "a Pod with a non-object container and a numeric image",
      { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [null, 3, { image: 7 }] } },
    ],
    [
      "a Deployment whose strategy is a string",
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { strategy: "fast" } },
    ],
    [
      "a ReplicationController whose template labels are a list",
      {
        apiVersion: "v1",
        kind: "ReplicationController",
        metadata: { name: "r" },
        spec: { template: { metadata: { labels: ["a"] } } },
      },
    ],
    [
      "a Service whose ports are a map",
      { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: { a: 1 } } },
    ],
    [
      "a Secret whose stringData is a list",
      { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: ["a"] },
    ],
    [
      "a Secret with a non-string stringData value",
      { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { a: 1 } },
    ],
    [
      "a Secret whose data is a string",
      { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: "x", stringData: { a: "b" } },
    ],
    ["an object without metadata", { apiVersion: "v1", kind: "Pod" } as unknown as KubeObject],
  ])("leaves malformed parts for validation instead of throwing: %s", (_name, input) => {
    const output = withDefaults(input);
    expect(withDefaults(output)).toEqual(output);
  });

  it("keeps a malformed Secret's stringData so validation can report it", () => {
    const output = withDefaults({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, stringData: { a: 1 } });
    expect(output.stringData).toEqual({ a: 1 });
    expect(output.type).toBe("Opaque");
  });

  it("does not create a missing Pod spec", () => {
    expect(withDefaults({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } })).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "default" },
    });
  });
});

describe("defaultImagePullPolicy", () => {
  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["library/nginx", "Always"],
    ["localhost:5000/nginx", "Always"],
    ["localhost:5000/nginx:latest", "Always"],
    ["nginx:1.27", "IfNotPresent"],
    ["localhost:5000/team/nginx:1.27", "IfNotPresent"],
    ["nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
    // Kubernetes' ParseImageName keeps an explicit tag next to a digest, and `latest` means Always.
    ["nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "Always"],
    ["nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent"],
  ])("pulls %j with %s", (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });
});
