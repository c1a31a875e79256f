import { describe, expect, it } from "vitest";
import { parseFieldPath, unsafeRelativePath } from "../../../src/source/index.js";

describe("parseFieldPath", () => {
  it.each([
    ["spec.replicas", ["spec", "replicas"]],
    ["spec.template.spec.containers[0].image", ["spec", "template", "spec", "containers", 0, "image"]],
    ["metadata.labels[app.kubernetes.io/name]", ["metadata", "labels", "app.kubernetes.io/name"]],
    ["items[12]", ["items", 12]],
    ["spec.ports[1][0]", ["spec", "ports", 1, 0]],
    ["", []],
  ])("splits %j", (text, expected) => {
    expect(parseFieldPath(text)).toEqual(expected);
  });
});

describe("unsafeRelativePath", () => {
  it.each([
    ["apps/web.yaml", undefined],
    ["a/b/c.yml", undefined],
    ["../etc/passwd.yaml", "path escapes the source root"],
    ["apps/../../x.yaml", "path escapes the source root"],
    ["/etc/x.yaml", "path is absolute or empty"],
    ["C:/x.yaml", "path is absolute or empty"],
    ["a\\..\\x.yaml", "path contains a backslash"],
    ["a//b.yaml", "path is not normalized (empty or '.' segment)"],
  ])("judges %j", (text, expected) => {
    expect(unsafeRelativePath(text)).toBe(expected);
  });
});
