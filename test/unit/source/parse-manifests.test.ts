import { describe, expect, it } from "vitest";
import type { FieldError } from "../../../src/api/errors.js";
import type { KubeObject } from "../../../src/api/object.js";
import {
  formatManifestError,
  ManifestCache,
  type ManifestFile,
  manifestsInvalidError,
  parseManifests,
} from "../../../src/source/index.js";

const cm = (name: string, extra = "") => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`;

function manyDocuments(count: number): ManifestFile[] {
  const docs = Array.from({ length: count }, (_, i) => cm(`cm-${i}`, `data:\n  index: "${i}"\n`));
  return [{ path: "many.yaml", content: docs.join("---\n") }];
}

const BILLION_LAUGHS = [
  "apiVersion: v1",
  "kind: ConfigMap",
  "metadata: {name: lol}",
  "data:",
  '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map(
    (name, i) => `  ${name}: &${name} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(",")}]`,
  ),
  "",
].join("\n");

describe("parseManifests", () => {
  it("formats a field error exactly like Kubernetes, prefixed with file and line", () => {
    const validate = (o: KubeObject): FieldError[] =>
      o.spec
        ? [{ type: "Invalid", field: "spec.replicas", badValue: -1, detail: "must be greater than or equal to 0" }]
        : [];
    const content = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "  labels:",
      "    app: web",
      "  annotations:",
      "    a: b",
      "spec:",
      "  selector: {matchLabels: {app: web}}",
      "  # the field in question",
      "  replicas: -1",
      "",
    ].join("\n");
    const { objects, errors } = parseManifests([{ path: "apps/web.yaml", content }], { validate });
    expect(objects).toEqual([]);
    expect(errors.map(formatManifestError)).toEqual([
      "apps/web.yaml:12: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    ]);
    expect(errors[0]?.fieldError?.source).toEqual({ file: "apps/web.yaml", line: 12 });
  });

  it("parses 10,000 small documents without touching the yaml package", () => {
    const { objects, errors, stats } = parseManifests(manyDocuments(10_000), { validate: () => [] });
    expect(errors).toEqual([]);
    expect(objects).toHaveLength(10_000);
    expect(objects[9_999]?.source).toEqual({ file: "many.yaml", line: 9_999 * 7 + 1 });
    expect(stats).toMatchObject({ documents: 10_000, slowDocuments: 0 });
  });

  it("refuses the billion-laughs alias bomb with a positioned error", () => {
    const files = [
      { path: "bomb.yaml", content: BILLION_LAUGHS },
      { path: "ok.yaml", content: cm("ok") },
    ];
    const { objects, errors } = parseManifests(files, { validate: () => [] });
    expect(objects.map((o) => o.object.metadata.name)).toEqual(["ok"]);
    expect(errors.map(formatManifestError)).toEqual([
      "bomb.yaml:1:1: document refused: its aliases need more than 100 expansions (an alias bomb?)",
    ]);
  });

  it("refuses every alias when maxAliasCount is 0", () => {
    const content = cm("a", "data:\n  x: &v one\n  y: *v\n");
    const { errors } = parseManifests([{ path: "a.yaml", content }], { validate: () => [], maxAliasCount: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/alias bomb/);
  });

  it("reports the same error whether a document came through the cache or not", () => {
    const cache = new ManifestCache();
    const files = [
      { path: "a.yaml", content: cm("a") },
      { path: "b.yaml", content: cm("b", "data: [unclosed\n") },
    ];
    const first = parseManifests(files, { cache, validate: () => [] });
    const second = parseManifests(files, { cache, validate: () => [] });
    expect(first.stats.cachedFiles).toBe(0);
    expect(second.stats.cachedFiles).toBe(2);
    expect(second.objects).toEqual(first.objects);
    expect(second.errors).toEqual(first.errors);
  });

  it("keys the cache by content, so a renamed file is not parsed again but keeps its new name", () => {
    const cache = new ManifestCache();
    parseManifests([{ path: "old.yaml", content: cm("a") }], { cache, validate: () => [] });
    const renamed = parseManifests([{ path: "new.yaml", content: cm("a") }], { cache, validate: () => [] });
    expect(renamed.stats.cachedFiles).toBe(1);
    expect(renamed.objects[0]?.source).toEqual({ file: "new.yaml", line: 1 });
  });

  it("keys the cache by a caller's hash (a git blob id) when one is given", () => {
    const cache = new ManifestCache();
    parseManifests([{ path: "a.yaml", content: cm("a"), hash: "blob-1" }], { cache, validate: () => [] });
    const again = parseManifests([{ path: "a.yaml", content: cm("a"), hash: "blob-1" }], {
      cache,
      validate: () => [],
    });
    const changed = parseManifests([{ path: "a.yaml", content: cm("b"), hash: "blob-2" }], {
      cache,
      validate: () => [],
    });
    expect(again.stats.cachedFiles).toBe(1);
    expect(changed.stats.cachedFiles).toBe(0);
    expect(changed.objects[0]?.object.metadata.name).toBe("b");
  });

  it("applies a different default namespace to a cached parse without changing the cached one", () => {
    const cache = new ManifestCache();
    const files = [{ path: "a.yaml", content: cm("a") }];
    const one = parseManifests(files, { cache, validate: () => [], defaultNamespace: "one" });
    const two = parseManifests(files, { cache, validate: () => [], defaultNamespace: "two" });
    expect(one.objects[0]?.object.metadata.namespace).toBe("one");
    expect(two.objects[0]?.object.metadata.namespace).toBe("two");
  });

  it("drops least recently used cache entries beyond maxEntries", () => {
    const cache = new ManifestCache({ maxEntries: 2 });
    for (const name of ["a", "b", "c"]) {
      parseManifests([{ path: `${name}.yaml`, content: cm(name) }], { cache, validate: () => [] });
    }
    expect(cache.size).toBe(2);
    const again = parseManifests([{ path: "a.yaml", content: cm("a") }], { cache, validate: () => [] });
    expect(again.stats.cachedFiles).toBe(0);
  });

  it("reports a duplicate even when one of the twins is otherwise invalid", () => {
    const validate = (o: KubeObject): FieldError[] => (o.data ? [{ type: "Forbidden", field: "data" }] : []);
    const files = [
      { path: "a.yaml", content: cm("x", "data: {k: v}\n") },
      { path: "b.yaml", content: cm("x") },
    ];
    const { objects, errors } = parseManifests(files, { validate });
    expect(objects).toEqual([]);
    expect(errors.map(formatManifestError)).toEqual([
      "a.yaml:5: data: Forbidden",
      "b.yaml:1: ConfigMap/default/x is defined twice: first at a.yaml:1",
    ]);
  });

  it("passes the namespace-defaulted object to the validator", () => {
    const seen: (string | undefined)[] = [];
    parseManifests([{ path: "a.yaml", content: cm("a") }], {
      validate: (o) => {
        seen.push(o.metadata.namespace);
        return [];
      },
    });
    expect(seen).toEqual(["default"]);
  });
});

describe("manifestsInvalidError", () => {
  it("lists every error with its hint in one ManifestInvalid error", () => {
    const { errors } = parseManifests([
      { path: "a.yaml", content: "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: x}\n" },
      { path: "b.yaml", content: "kind: Pod\n" },
    ]);
    const error = manifestsInvalidError(errors);
    expect(error.code).toBe("ManifestInvalid");
    expect(error.message).toBe(
      [
        "2 errors in manifests, nothing was applied:",
        'a.yaml:2: no kind "Deployment" is registered for version "extensions/v1beta1"',
        '  hint: Deployment is served as apiVersion "apps/v1"',
        "b.yaml:1: apiVersion: Required value",
      ].join("\n"),
    );
    expect(error.fieldErrors).toEqual([{ type: "Required", field: "apiVersion", source: { file: "b.yaml", line: 1 } }]);
  });
});

describe("parseManifests on hostile input", () => {
  it.each([
    ["deeply nested flow sequences", `${"[".repeat(100_000)}${"]".repeat(100_000)}\n`],
    ["deeply nested block mappings", Array.from({ length: 2_000 }, (_, i) => `${" ".repeat(i)}k:`).join("\n")],
  ])("refuses %s with an error instead of crashing", (_name, content) => {
    const { objects, errors } = parseManifests([{ path: "deep.yaml", content }], { validate: () => [] });
    expect(objects).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.file).toBe("deep.yaml");
  });
});
