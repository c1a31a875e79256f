/**
 * The structured label selector of apps/v1 workloads (matchLabels + matchExpressions): its
 * validation, and the matching validation needs to check a selector against template labels.
 */
import type { FieldError } from "../errors.js";
import type { LabelSelectorSpec } from "../selector/index.js";
import { forbidden, invalid, invalidEach, required } from "./field-errors.js";
import { validateLabels } from "./metadata.js";
import { isQualifiedName } from "./names.js";
import { child, index } from "./path.js";

export function isEmptySelector(selector: LabelSelectorSpec): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

export function validateLabelSelector(selector: LabelSelectorSpec, path: string): FieldError[] {
  const errors = validateLabels(selector.matchLabels, child(path, "matchLabels"));
  for (const [i, req] of (selector.matchExpressions ?? []).entries()) {
    const p = index(child(path, "matchExpressions"), i);
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
      case "NotIn":
        if (values.length === 0) {
          errors.push(required(child(p, "values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
        break;
      case "Exists":
      case "DoesNotExist":
        if (values.length > 0) {
          errors.push(
            forbidden(child(p, "values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
          );
        }
        break;
      default:
        errors.push(invalid(child(p, "operator"), req.operator, "not a valid selector operator"));
    }
    errors.push(...invalidEach(child(p, "key"), req.key, isQualifiedName(req.key ?? "")));
  }
  return errors;
}

/** True when every matchLabels entry and every expression holds for `labels` (AND of all). */
export function selectorMatches(selector: LabelSelectorSpec, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (have[k] !== v) return false;
  return (selector.matchExpressions ?? []).every((req) => {
    const value = have[req.key];
    switch (req.operator) {
      case "In":
        return value !== undefined && (req.values ?? []).includes(value);
      case "NotIn":
        return value === undefined || !(req.values ?? []).includes(value);
      case "Exists":
        return value !== undefined;
      case "DoesNotExist":
        return value === undefined;
      default:
        return false;
    }
  });
}
