/**
 * Selectors from their structured forms: `{ matchLabels, matchExpressions }` (ReplicaSet,
 * Deployment) as Kubernetes' `LabelSelectorAsSelector` and `ValidateLabelSelector` treat it, and
 * plain label maps (Service and ReplicationController `spec.selector`) as `SelectorFromSet`.
 */
import { type FieldError, formatFieldError, SlipwayError } from "../errors.js";
import { labelKeyErrors, labelValueErrors } from "./label-syntax.js";
import { makeRequirement, NOTHING, type Operator, type Requirement, RequirementSelector } from "./requirement.js";
import type { LabelSelector, LabelSelectorSpec } from "./types.js";

const SPEC_OPERATORS: Readonly<Record<string, Operator>> = {
  In: "in",
  NotIn: "notin",
  Exists: "exists",
  DoesNotExist: "!",
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}

/**
 * Checks a structured selector as Kubernetes' API validation does: label syntax of keys and values,
 * known operators, values required for In/NotIn and forbidden for Exists/DoesNotExist. Field paths
 * are prefixed with `path` (e.g. "spec.selector"). Tolerates any input shape: wrong types are
 * reported, never thrown. Pure.
 */
export function validateLabelSelectorSpec(spec: unknown, path = ""): FieldError[] {
  const errors: FieldError[] = [];
  if (spec === undefined || spec === null) return errors;
  if (!isRecord(spec))
    return [{ type: "Invalid", field: path || "selector", badValue: spec, detail: "must be an object" }];
  const { matchLabels, matchExpressions } = spec;
  if (matchLabels !== undefined && matchLabels !== null) {
    const labelsPath = join(path, "matchLabels");
    if (!isRecord(matchLabels)) {
      errors.push({ type: "Invalid", field: labelsPath, badValue: matchLabels, detail: "must be a map of strings" });
    } else {
      for (const [key, value] of Object.entries(matchLabels)) {
        for (const detail of labelKeyErrors(key))
          errors.push({ type: "Invalid", field: labelsPath, badValue: key, detail });
        if (typeof value !== "string") {
          errors.push({ type: "Invalid", field: `${labelsPath}[${key}]`, badValue: value, detail: "must be a string" });
          continue;
        }
        for (const detail of labelValueErrors(value)) {
          errors.push({ type: "Invalid", field: `${labelsPath}[${key}]`, badValue: value, detail });
        }
      }
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    const exprsPath = join(path, "matchExpressions");
    if (!Array.isArray(matchExpressions)) {
      errors.push({ type: "Invalid", field: exprsPath, badValue: matchExpressions, detail: "must be a list" });
    } else {
      matchExpressions.forEach((expr: unknown, i) => {
        errors.push(...validateExpression(expr, `${exprsPath}[${i}]`));
      });
    }
  }
  return errors;
}

function validateExpression(expr: unknown, path: string): FieldError[] {
  if (!isRecord(expr)) return [{ type: "Invalid", field: path, badValue: expr, detail: "must be an object" }];
  const errors: FieldError[] = [];
  const { key, operator, values } = expr;
  if (typeof key !== "string" || key === "") {
    errors.push({ type: "Required", field: `${path}.key` });
  } else {
    for (const detail of labelKeyErrors(key))
      errors.push({ type: "Invalid", field: `${path}.key`, badValue: key, detail });
  }
  if (values !== undefined && values !== null && !Array.isArray(values)) {
    errors.push({ type: "Invalid", field: `${path}.values`, badValue: values, detail: "must be a list of strings" });
    return errors;
  }
  const list: unknown[] = Array.isArray(values) ? values : [];
  switch (operator) {
    case "In":
    case "NotIn":
      if (list.length === 0) {
        errors.push({
          type: "Required",
          field: `${path}.values`,
          detail: "must be specified when `operator` is 'In' or 'NotIn'",
        });
      }
      break;
    case "Exists":
    case "DoesNotExist":
      if (list.length > 0) {
        errors.push({
          type: "Forbidden",
          field: `${path}.values`,
          detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        });
      }
      break;
    case undefined:
    case null:
    case "":
      errors.push({ type: "Required", field: `${path}.operator` });
      break;
    default:
      // Kubernetes' ValidateLabelSelectorRequirement words it this way, not as NotSupported.
      errors.push({
        type: "Invalid",
        field: `${path}.operator`,
        badValue: operator,
        detail: "not a valid selector operator",
      });
  }
  list.forEach((value, i) => {
    const field = `${path}.values[${i}]`;
    if (typeof value !== "string") errors.push({ type: "Invalid", field, badValue: value, detail: "must be a string" });
    else for (const detail of labelValueErrors(value)) errors.push({ type: "Invalid", field, badValue: value, detail });
  });
  return errors;
}

/**
 * Builds a selector from matchLabels/matchExpressions (AND of all), as Kubernetes'
 * `LabelSelectorAsSelector`: a missing (undefined or null) spec matches nothing, an empty `{}`
 * matches everything. Throws SlipwayError("BadRequest") with field errors (paths relative to the
 * selector) when the spec breaks validateLabelSelectorSpec's rules.
 */
export function labelSelectorFromSpec(spec: LabelSelectorSpec | null | undefined): LabelSelector {
  if (spec === undefined || spec === null) return NOTHING;
  const errors = validateLabelSelectorSpec(spec);
  if (errors.length > 0) {
    throw new SlipwayError(
      "BadRequest",
      `invalid label selector: ${errors.map((e) => formatFieldError(e)).join(", ")}`,
      {
        fieldErrors: errors,
      },
    );
  }
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(spec.matchLabels ?? {}))
    requirements.push(makeRequirement(key, "=", [value]));
  for (const expr of spec.matchExpressions ?? []) {
    const operator = SPEC_OPERATORS[expr.operator] ?? "in";
    requirements.push(makeRequirement(expr.key, operator, expr.values ?? []));
  }
  return new RequirementSelector(requirements);
}

/**
 * Builds an equality selector from a plain label map (`spec.selector` of a Service or
 * ReplicationController), as Kubernetes' `SelectorFromSet`: an empty or missing map matches
 * everything, so callers that must treat "no selector" as "nothing" check that first. Keys and
 * values are not checked (validation does that on write).
 */
export function labelSelectorFromSet(set: Record<string, string> | null | undefined): RequirementSelector {
  return new RequirementSelector(Object.entries(set ?? {}).map(([k, v]) => makeRequirement(k, "=", [v])));
}
