import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { formatKey, keyOf } from "../../../src/api/object.js";
import {
  formatManifestError,
  type LoadManifestsOptions,
  loadManifests,
  type ManifestError,
  type ManifestObject,
} from "../../../src/source/index.js";
import { FIXTURE_VALIDATORS } from "./fixture-validators.js";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/manifests");

interface Expected {
  /** Names a validator from fixture-validators.ts; default "none". */
  validator?: string;
  options?: Omit<LoadManifestsOptions, "validate" | "cache">;
  /** `Kind/namespace/name file:line` */
  objects: string[];
  /** formatManifestError, then ` (hint: ...)`; a trailing `...` matches any rest of the line. */
  errors: string[];
}

const cases = fs
  .readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function describeObject(o: ManifestObject): string {
  return `${formatKey(keyOf(o.object))} ${o.source.file}:${o.source.line}`;
}

function describeError(e: ManifestError): string {
  return formatManifestError(e) + (e.hint ? ` (hint: ${e.hint})` : "");
}

function matchesLine(actual: string, expected: string): boolean {
  return expected.endsWith("...") ? actual.startsWith(expected.slice(0, -3)) : actual === expected;
}

describe("loadManifests over fixture folders", () => {
  it.each(cases)("%s: reads the objects and reports the errors named in expected.yaml", async (name) => {
    const dir = path.join(FIXTURES, name);
    const expected = load(fs.readFileSync(path.join(dir, "expected.yaml"), "utf8")) as Expected;
    const validate = FIXTURE_VALIDATORS[expected.validator ?? "none"];
    if (!validate) throw new Error(`unknown validator ${expected.validator}`);

    const result = await loadManifests(path.join(dir, "input"), { ...expected.options, validate });

    expect(result.objects.map(describeObject)).toEqual(expected.objects);
    const actualErrors = result.errors.map(describeError);
    expect(actualErrors).toHaveLength(expected.errors.length);
    actualErrors.forEach((actual, i) => {
      const want = expected.errors[i] ?? "";
      expect(matchesLine(actual, want), `error ${i}:\n  actual:   ${actual}\n  expected: ${want}`).toBe(true);
    });
  });
});
