import { describe, expect, it } from "vitest";
import type { FieldError } from "../../../src/api/errors.js";
import type { KubeObject } from "../../../src/api/object.js";
import { ManifestCache, type ManifestFile, parseManifests } from "../../../src/source/index.js";

const files: ManifestFile[] = [
  { path: "a.yaml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n" },
  { path: "b.yaml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n" },
];

describe("checks of cached files", () => {
  it("returns the very same objects for unchanged files parsed through one cache", () => {
    const cache = new ManifestCache();
    const first = parseManifests(files, { cache });
    const second = parseManifests(files, { cache });
    expect(second.objects.map((o) => o.object)).toEqual(first.objects.map((o) => o.object));
    second.objects.forEach((o, i) => {
      expect(o.object).toBe(first.objects[i]!.object);
    });
  });

  it("checks again when the default namespace changes", () => {
    const cache = new ManifestCache();
    parseManifests(files, { cache, defaultNamespace: "one" });
    const again = parseManifests(files, { cache, defaultNamespace: "two" });
    expect(again.objects.map((o) => o.object.metadata.namespace)).toEqual(["two", "two"]);
  });

  it("checks again with another validator, and reports its errors", () => {
    const cache = new ManifestCache();
    expect(parseManifests(files, { cache }).errors).toEqual([]);
    const refuseB = (o: KubeObject): FieldError[] =>
      o.metadata.name === "b" ? [{ type: "Forbidden", field: "metadata.name", detail: "no b" }] : [];
    const again = parseManifests(files, { cache, validate: refuseB });
    expect(again.objects.map((o) => o.object.metadata.name)).toEqual(["a"]);
    expect(again.errors.map((e) => `${e.file}:${e.line}`)).toEqual(["b.yaml:4"]);
  });

  it("gives a file whose content changed freshly checked objects", () => {
    const cache = new ManifestCache();
    const first = parseManifests(files, { cache });
    const changed = [files[0]!, { path: "b.yaml", content: `${files[1]!.content}data:\n  k: w\n` }];
    const second = parseManifests(changed, { cache });
    expect(second.objects[0]!.object).toBe(first.objects[0]!.object);
    expect(second.objects[1]!.object).not.toBe(first.objects[1]!.object);
    expect(second.objects[1]!.object.data).toEqual({ k: "w" });
  });
});
