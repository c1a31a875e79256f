import { describe, expect, it } from "vitest";
import {
  makeRequirement,
  type Operator,
  RequirementSelector,
  requirementProblem,
} from "../../../../src/api/selector/requirement.js";

// Kubernetes' TestRequirementConstructor: which key/operator/values combinations are valid.
describe("requirementProblem", () => {
  it.each<[string, Operator, string[], boolean]>([
    ["x", "in", [], false],
    ["x", "notin", [], false],
    ["x", "in", ["foo"], true],
    ["x", "notin", ["foo"], true],
    ["x", "exists", [], true],
    ["x", "!", [], true],
    ["x", "exists", ["foo"], false],
    ["x", "!", ["foo"], false],
    ["x", "=", [], false],
    ["x", "=", ["a", "b"], false],
    ["x", "!=", [""], true],
    ["1foo", "in", ["bar"], true],
    ["1234", "in", ["bar"], true],
    ["y", "gt", ["1"], true],
    ["z", "lt", ["6"], true],
    ["foo", "gt", ["bar"], false],
    ["barz", "lt", ["blah"], false],
    ["y", "gt", ["99999999999999999999"], false],
    ["x", "in", ["no spaces"], false],
    ["a".repeat(254), "exists", [], false],
    ["example.com/app", "exists", [], true],
    ["/app", "exists", [], false],
    ["example.com/", "exists", [], false],
  ])("key %j with %s %j is valid: %s", (key, operator, values, valid) => {
    expect(requirementProblem(key, operator, values) === undefined).toBe(valid);
  });
});

// Kubernetes' TestToString.
describe("RequirementSelector.toString", () => {
  it.each<[[string, Operator, string[]][], string]>([
    [
      [
        ["x", "in", ["abc", "def"]],
        ["y", "notin", ["jkl"]],
        ["z", "exists", []],
      ],
      "x in (abc,def),y notin (jkl),z",
    ],
    [
      [
        ["x", "notin", ["abc", "def"]],
        ["y", "!=", ["jkl"]],
        ["z", "!", []],
      ],
      "x notin (abc,def),y!=jkl,!z",
    ],
    [
      [
        ["x", "notin", ["abc"]],
        ["y", "in", ["jkl", "mno"]],
        ["z", "notin", [""]],
      ],
      "x notin (abc),y in (jkl,mno),z notin ()",
    ],
    [
      [
        ["x", "=", ["abc"]],
        ["y", "==", ["jkl"]],
        ["z", "!=", ["a"]],
        ["z", "exists", []],
      ],
      "x=abc,y==jkl,z!=a,z",
    ],
    [
      [
        ["x", "gt", ["2"]],
        ["y", "lt", ["8"]],
        ["z", "exists", []],
      ],
      "x>2,y<8,z",
    ],
    [
      [
        ["b", "in", ["z", "a", "z"]],
        ["a", "=", ["1"]],
      ],
      "a=1,b in (a,z)",
    ],
  ])("prints %j as %j", (requirements, expected) => {
    const selector = new RequirementSelector(requirements.map(([k, op, v]) => makeRequirement(k, op, v)));
    expect(selector.toString()).toBe(expected);
  });
});

// Kubernetes' TestRequirementSelectorMatching.
describe("RequirementSelector.matches", () => {
  it.each<[Record<string, string>, [string, Operator, string[]][], boolean]>([
    [
      { x: "foo", y: "baz" },
      [
        ["x", "in", ["foo"]],
        ["y", "notin", ["alpha"]],
      ],
      true,
    ],
    [
      { x: "foo", y: "baz" },
      [
        ["x", "in", ["foo"]],
        ["y", "in", ["alpha"]],
      ],
      false,
    ],
    [
      { y: "" },
      [
        ["x", "notin", [""]],
        ["y", "exists", []],
      ],
      true,
    ],
    [
      { y: "" },
      [
        ["x", "!", []],
        ["y", "exists", []],
      ],
      true,
    ],
    [
      { y: "" },
      [
        ["x", "notin", [""]],
        ["y", "!", []],
      ],
      false,
    ],
    [{ y: "baz" }, [["x", "in", [""]]], false],
    [{ z: "2" }, [["z", "gt", ["1"]]], true],
    [{ z: "v2" }, [["z", "gt", ["1"]]], false],
    [{ z: "-5" }, [["z", "lt", ["-4"]]], true],
    [{ z: "9223372036854775807" }, [["z", "gt", ["9223372036854775806"]]], true],
  ])("labels %j against %j match: %s", (labels, requirements, expected) => {
    const selector = new RequirementSelector(requirements.map(([k, op, v]) => makeRequirement(k, op, v)));
    expect(selector.matches(labels)).toBe(expected);
  });

  it("does not treat inherited object properties as labels", () => {
    const selector = new RequirementSelector([makeRequirement("constructor", "exists", [])]);
    expect(selector.matches({})).toBe(false);
  });
});
