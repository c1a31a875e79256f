import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { messages } from "./objects.js";

const fixtures = join(import.meta.dirname, "fixtures");

function documents(file: string): KubeObject[] {
  return loadAll(readFileSync(file, "utf8")).filter((d) => d !== null) as KubeObject[];
}

const validObjects = readdirSync(join(fixtures, "valid")).flatMap((file) =>
  documents(join(fixtures, "valid", file)).map((obj) => [`${file}: ${obj.kind}/${obj.metadata.name}`, obj] as const),
);

describe("valid manifests from the fixture folder", () => {
  it.each(validObjects)("%s has no errors", (_name, obj) => {
    expect(messages(obj)).toEqual([]);
  });
});

const invalidCases = readdirSync(join(fixtures, "invalid")).map((dir) => {
  const [obj] = documents(join(fixtures, "invalid", dir, "object.yaml"));
  const expected = readFileSync(join(fixtures, "invalid", dir, "errors.txt"), "utf8")
    .trimEnd()
    .split("\n");
  return [dir, obj as KubeObject, expected] as const;
});

describe("invalid manifests from the fixture folder", () => {
  it.each(invalidCases)("%s reports exactly errors.txt", (_name, obj, expected) => {
    expect(messages(obj)).toEqual(expected);
  });
});
