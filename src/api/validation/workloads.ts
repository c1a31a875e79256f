/** ReplicationController, ReplicaSet and Deployment rules: replicas, selectors, templates, strategy. */

import type { FieldError } from "../errors.js";
import type { LabelSelectorSpec } from "../selector/index.js";
import { labelSelectorFromSpec, validateLabelSelectorSpec } from "../selector/index.js";
import type { Deployment, ReplicaSet } from "../types/apps.js";
import type { IntOrString } from "../types/common.js";
import type { PodTemplateSpec } from "../types/pod.js";
import type { ReplicationController } from "../types/replication-controller.js";
import { forbidden, invalid, invalidEach, nonNegative, oneOf, required } from "./field-errors.js";
import { validateLabels, validateTemplateMeta } from "./metadata.js";
import { isPercent } from "./names.js";
import { child } from "./path.js";
import { validatePodSpec } from "./pod-spec.js";

const SELECTOR_MISMATCH = "`selector` does not match template `labels`";

function validateTemplate(
  template: PodTemplateSpec | undefined,
  path: string,
  matches: (labels: Record<string, string> | undefined) => boolean,
): FieldError[] {
  const labels = template?.metadata?.labels;
  const errors = validateTemplateMeta(template?.metadata, child(path, "metadata"));
  if (!matches(labels)) errors.push(invalid(child(child(path, "metadata"), "labels"), labels ?? {}, SELECTOR_MISMATCH));
  errors.push(...validatePodSpec(template?.spec, child(path, "spec"), { restartPolicies: ["Always"] }));
  return errors;
}

function validateCounts(spec: { replicas?: number; minReadySeconds?: number } | undefined): FieldError[] {
  return [
    ...nonNegative("spec.replicas", spec?.replicas),
    ...nonNegative("spec.minReadySeconds", spec?.minReadySeconds),
  ];
}

export function validateReplicationController(rc: ReplicationController): FieldError[] {
  const spec = rc.spec;
  const errors = validateCounts(spec);
  // An absent selector is defaulted from the template's labels, so only a selector with nothing
  // to default from is missing.
  const selector = spec?.selector && Object.keys(spec.selector).length > 0 ? spec.selector : undefined;
  if (selector) errors.push(...validateLabels(selector, "spec.selector"));
  else if (!Object.keys(spec?.template?.metadata?.labels ?? {}).length) errors.push(required("spec.selector"));
  const matches = (labels: Record<string, string> | undefined): boolean =>
    !selector || Object.entries(selector).every(([k, v]) => labels?.[k] === v);
  if (!spec?.template) errors.push(required("spec.template"));
  else errors.push(...validateTemplate(spec.template, "spec.template", matches));
  return errors;
}

function validateAppsSelector(
  selector: LabelSelectorSpec | undefined,
  template: PodTemplateSpec | undefined,
): FieldError[] {
  if (!selector) return [required("spec.selector"), ...validateTemplate(template, "spec.template", () => true)];
  const errors = validateLabelSelectorSpec(selector, "spec.selector");
  const empty = Object.keys(selector.matchLabels ?? {}).length === 0 && !selector.matchExpressions?.length;
  if (empty) {
    errors.push(invalid("spec.selector", selector, "empty selector is invalid for deployment"));
  }
  const selectorValid = errors.length === 0;
  // A broken selector matches nothing; reporting the template too would only repeat the error.
  const parsed = selectorValid ? labelSelectorFromSpec(selector) : undefined;
  errors.push(...validateTemplate(template, "spec.template", (l) => !parsed || parsed.matches(l)));
  return errors;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [...validateCounts(rs.spec), ...validateAppsSelector(rs.spec?.selector, rs.spec?.template)];
}

export function validateDeployment(d: Deployment): FieldError[] {
  const spec = d.spec;
  const errors = [...validateCounts(spec), ...validateAppsSelector(spec?.selector, spec?.template)];
  errors.push(...nonNegative("spec.revisionHistoryLimit", spec?.revisionHistoryLimit));
  const deadline = spec?.progressDeadlineSeconds;
  if (deadline !== undefined) {
    errors.push(...nonNegative("spec.progressDeadlineSeconds", deadline));
    if (deadline <= (spec?.minReadySeconds ?? 0)) {
      errors.push(invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
    }
  }
  const strategy = spec?.strategy;
  if (!strategy) return errors;
  errors.push(...oneOf("spec.strategy.type", strategy.type, ["Recreate", "RollingUpdate"]));
  const rolling = strategy.rollingUpdate;
  if (!rolling) return errors;
  if (strategy.type === "Recreate") {
    errors.push(forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
  }
  const base = "spec.strategy.rollingUpdate";
  errors.push(...validateIntOrPercent(rolling.maxUnavailable, `${base}.maxUnavailable`));
  errors.push(...validateIntOrPercent(rolling.maxSurge, `${base}.maxSurge`));
  if (typeof rolling.maxUnavailable === "string" && Number.parseInt(rolling.maxUnavailable, 10) > 100) {
    errors.push(invalid(`${base}.maxUnavailable`, rolling.maxUnavailable, "must not be greater than 100%"));
  }
  if (isZero(rolling.maxUnavailable) && isZero(rolling.maxSurge)) {
    errors.push(invalid(`${base}.maxUnavailable`, rolling.maxUnavailable, "may not be 0 when `maxSurge` is 0"));
  }
  return errors;
}

function validateIntOrPercent(value: IntOrString | undefined, path: string): FieldError[] {
  if (typeof value === "string") return invalidEach(path, value, isPercent(value));
  return nonNegative(path, value);
}

/** Zero only when set: an absent value is defaulted to 25%. */
function isZero(value: IntOrString | undefined): boolean {
  return value === 0 || value === "0%";
}
