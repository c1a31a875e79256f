import { describe, expect, it } from "vitest";
import { formatFieldError, isSlipwayError } from "../../../../src/api/errors.js";
import {
  EVERYTHING,
  type LabelSelectorSpec,
  labelSelectorFromSet,
  labelSelectorFromSpec,
  NOTHING,
  validateLabelSelectorSpec,
} from "../../../../src/api/selector/index.js";

describe("labelSelectorFromSpec", () => {
  it("matches nothing when the spec selector is missing, as Kubernetes' LabelSelectorAsSelector(nil)", () => {
    for (const spec of [undefined, null]) {
      const selector = labelSelectorFromSpec(spec);
      expect(selector).toBe(NOTHING);
      expect(selector.empty).toBe(false);
      expect(selector.matches({ app: "web" })).toBe(false);
      expect(selector.matches(undefined)).toBe(false);
    }
  });

  it("matches everything when the spec selector is {}", () => {
    const selector = labelSelectorFromSpec({});
    expect(selector.empty).toBe(true);
    expect(selector.matches({ app: "web" })).toBe(true);
    expect(selector.matches(undefined)).toBe(true);
    expect(selector.toString()).toBe(EVERYTHING.toString());
  });

  it.each<[LabelSelectorSpec, string]>([
    [{ matchLabels: { app: "web", tier: "front" } }, "app=web,tier=front"],
    [{ matchLabels: {}, matchExpressions: [] }, ""],
    [{ matchExpressions: [{ key: "env", operator: "In", values: ["prod", "dev"] }] }, "env in (dev,prod)"],
    [{ matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] }, "env notin (prod)"],
    [{ matchExpressions: [{ key: "canary", operator: "DoesNotExist" }] }, "!canary"],
    [{ matchExpressions: [{ key: "app", operator: "Exists", values: [] }] }, "app"],
    [{ matchLabels: { z: "1" }, matchExpressions: [{ key: "a", operator: "Exists" }] }, "a,z=1"],
  ])("turns %j into %j", (spec, text) => {
    expect(labelSelectorFromSpec(spec).toString()).toBe(text);
  });

  it.each<[LabelSelectorSpec, Record<string, string>, boolean]>([
    [{ matchLabels: { app: "web" } }, { app: "web", x: "y" }, true],
    [{ matchLabels: { app: "web" } }, { app: "api" }, false],
    [
      { matchLabels: { app: "web" }, matchExpressions: [{ key: "v", operator: "In", values: ["1"] }] },
      { app: "web" },
      false,
    ],
    [{ matchExpressions: [{ key: "v", operator: "NotIn", values: ["1"] }] }, {}, true],
    [{ matchExpressions: [{ key: "v", operator: "Exists" }] }, { v: "" }, true],
    [{ matchExpressions: [{ key: "v", operator: "DoesNotExist" }] }, { v: "" }, false],
  ])("%j matching %j is %s", (spec, labels, expected) => {
    expect(labelSelectorFromSpec(spec).matches(labels)).toBe(expected);
  });

  it.each<[unknown, string]>([
    [{ matchExpressions: [{ key: "a", operator: "In" }] }, "matchExpressions[0].values: Required value"],
    [{ matchExpressions: [{ key: "a", operator: "NotIn", values: [] }] }, "matchExpressions[0].values: Required value"],
    [{ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] }, "matchExpressions[0].values: Forbidden"],
    [
      { matchExpressions: [{ key: "a", operator: "DoesNotExist", values: ["x"] }] },
      "matchExpressions[0].values: Forbidden",
    ],
    [
      { matchExpressions: [{ key: "a", operator: "Gt", values: ["1"] }] },
      'matchExpressions[0].operator: Invalid value: "Gt": not a valid selector operator',
    ],
    [{ matchExpressions: [{ key: "a" }] }, "matchExpressions[0].operator: Required value"],
    [{ matchExpressions: [{ operator: "Exists" }] }, "matchExpressions[0].key: Required value"],
    [{ matchExpressions: [{ key: "-a", operator: "Exists" }] }, 'matchExpressions[0].key: Invalid value: "-a"'],
    [
      { matchExpressions: [{ key: "a", operator: "In", values: ["b c"] }] },
      'matchExpressions[0].values[0]: Invalid value: "b c"',
    ],
    [{ matchLabels: { "bad key": "v" } }, 'matchLabels: Invalid value: "bad key"'],
    [{ matchLabels: { app: "-v" } }, 'matchLabels[app]: Invalid value: "-v"'],
  ])("refuses %j with %j", (spec, expected) => {
    let caught: unknown;
    try {
      labelSelectorFromSpec(spec as LabelSelectorSpec);
    } catch (error) {
      caught = error;
    }
    expect(isSlipwayError(caught, "BadRequest")).toBe(true);
    if (!isSlipwayError(caught)) return;
    expect(caught.message).toContain(expected);
    expect(caught.fieldErrors.map((e) => formatFieldError(e)).join("\n")).toContain(expected);
  });
});

describe("validateLabelSelectorSpec", () => {
  it("prefixes field paths with the selector's own path", () => {
    const errors = validateLabelSelectorSpec({ matchExpressions: [{ key: "a", operator: "In" }] }, "spec.selector");
    expect(errors.map((e) => formatFieldError(e))).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });

  it("reports wrong shapes instead of throwing", () => {
    expect(validateLabelSelectorSpec("app=web", "spec.selector")[0]?.field).toBe("spec.selector");
    expect(validateLabelSelectorSpec({ matchLabels: ["a"] })[0]?.field).toBe("matchLabels");
    expect(validateLabelSelectorSpec({ matchExpressions: {} })[0]?.field).toBe("matchExpressions");
    expect(validateLabelSelectorSpec({ matchExpressions: [{ key: "a", operator: "In", values: "x" }] })[0]?.field).toBe(
      "matchExpressions[0].values",
    );
  });

  it("accepts a valid selector and a missing one", () => {
    expect(validateLabelSelectorSpec({ matchLabels: { "example.com/app": "web" } })).toEqual([]);
    expect(validateLabelSelectorSpec(undefined)).toEqual([]);
  });
});

describe("labelSelectorFromSet", () => {
  it("matches label sets that contain every pair, as Kubernetes' SelectorFromSet", () => {
    const selector = labelSelectorFromSet({ foo: "bar", baz: "blah" });
    expect(selector.matches({ foo: "bar", baz: "blah", extra: "x" })).toBe(true);
    expect(selector.matches({ foo: "bar" })).toBe(false);
    expect(selector.toString()).toBe("baz=blah,foo=bar");
  });

  it("matches everything for an empty or missing set", () => {
    expect(labelSelectorFromSet({}).matches({ a: "b" })).toBe(true);
    expect(labelSelectorFromSet(undefined).empty).toBe(true);
  });
});
