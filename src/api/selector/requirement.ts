/**
 * One label requirement (`key op values`) and the selector that ANDs several of them, with
 * Kubernetes' rules for which operator takes how many values, how each matches, and how each prints.
 */
import { labelKeyErrors, labelValueErrors } from "./label-syntax.js";
import type { LabelSelector } from "./types.js";

/** Operators as Kubernetes' `selection.Operator` spells them. */
export type Operator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  /** Sorted and without duplicates. */
  readonly values: readonly string[];
}

const INTEGER_RE = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function parseInt64(text: string): bigint | undefined {
  if (!INTEGER_RE.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

/**
 * Returns what is wrong with a requirement, or undefined when Kubernetes' `NewRequirement` would
 * accept it: in/notin need values, =/==/!= and gt/lt exactly one (gt/lt an integer), exists/! none;
 * the key must be a qualified name and every value a valid label value.
 */
export function requirementProblem(key: string, operator: Operator, values: readonly string[]): string | undefined {
  const keyErrors = labelKeyErrors(key);
  if (keyErrors.length > 0) return `invalid label key "${key}": ${keyErrors.join("; ")}`;
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) return "for 'in', 'notin' operators, values set can't be empty";
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) return "exact-match compatibility requires one single value";
      break;
    case "exists":
    case "!":
      if (values.length !== 0) return "values set must be empty for exists and does not exist";
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) return "for 'Gt', 'Lt' operators, exactly one value is required";
      if (parseInt64(values[0] ?? "") === undefined) return "for 'Gt', 'Lt' operators, the value must be an integer";
      break;
  }
  for (const value of values) {
    const valueErrors = labelValueErrors(value);
    if (valueErrors.length > 0) return `invalid label value "${value}" for key "${key}": ${valueErrors.join("; ")}`;
  }
  return undefined;
}

/** Builds a requirement without checking it (see requirementProblem); values are sorted and deduplicated. */
export function makeRequirement(key: string, operator: Operator, values: Iterable<string>): Requirement {
  return { key, operator, values: [...new Set(values)].sort() };
}

export function requirementMatches(r: Requirement, labels: Record<string, string> | undefined): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case "=":
    case "==":
    case "in":
      return value !== undefined && r.values.includes(value);
    case "!=":
    case "notin":
      return value === undefined || !r.values.includes(value);
    case "exists":
      return value !== undefined;
    case "!":
      return value === undefined;
    case "gt":
    case "lt": {
      if (value === undefined) return false;
      const actual = parseInt64(value);
      const bound = parseInt64(r.values[0] ?? "");
      if (actual === undefined || bound === undefined) return false;
      return r.operator === "gt" ? actual > bound : actual < bound;
    }
  }
}

const INFIX: Record<Operator, string> = {
  "=": "=",
  "==": "==",
  "!=": "!=",
  in: " in ",
  notin: " notin ",
  gt: ">",
  lt: "<",
  exists: "",
  "!": "",
};

/** kubectl's text for one requirement: `x=a`, `x in (a,b)`, `x`, `!x`, `x>1`. */
export function requirementString(r: Requirement): string {
  if (r.operator === "!") return `!${r.key}`;
  if (r.operator === "exists") return r.key;
  const values = r.operator === "in" || r.operator === "notin" ? `(${r.values.join(",")})` : r.values.join(",");
  return `${r.key}${INFIX[r.operator]}${values}`;
}

/** An AND of requirements, kept sorted by key (stable) as Kubernetes does, so equal selectors print equally. */
export class RequirementSelector implements LabelSelector {
  readonly requirements: readonly Requirement[];

  constructor(requirements: readonly Requirement[]) {
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Record<string, string> | undefined): boolean {
    return this.requirements.every((r) => requirementMatches(r, labels));
  }

  toString(): string {
    return this.requirements.map(requirementString).join(",");
  }
}

/** Matches every label set (the empty selector). */
export const EVERYTHING: LabelSelector = new RequirementSelector([]);

/**
 * Matches no label set: what a missing (nil) spec selector means. Not empty, and prints as "" like
 * Kubernetes' nothing selector, so never send its string form as a list filter ("" selects all):
 * check `empty`/`matches` locally, or skip the list when a selector is NOTHING.
 */
export const NOTHING: LabelSelector = Object.freeze({
  empty: false,
  matches: () => false,
  toString: () => "",
});
