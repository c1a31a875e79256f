import { describe, expect, it } from "vitest";
import { contentRevision } from "../../../src/source/index.js";

const a = { path: "a.yaml", content: "x: 1\n" };
const b = { path: "b.yaml", content: "y: 2\n" };

describe("contentRevision", () => {
  it("is the same for the same files in any order", () => {
    expect(contentRevision([a, b])).toBe(contentRevision([b, a]));
  });

  it.each([
    ["an edit", [a, { ...b, content: "y: 3\n" }]],
    ["a rename", [a, { ...b, path: "c.yaml" }]],
    ["a removal", [a]],
    ["an addition", [a, b, { path: "c.yaml", content: "" }]],
  ])("changes with %s", (_name, files) => {
    expect(contentRevision(files)).not.toBe(contentRevision([a, b]));
  });
});
