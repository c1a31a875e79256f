/** PodSpec rules: containers, volumes, restart policy, scheduling constraints, tolerations. */
import type { FieldError } from "../errors.js";
import { parseQuantity } from "../quantity.js";
import type { NodeSelectorRequirement, PodSpec, Toleration, Volume } from "../types/pod.js";
import { validateContainer, validateLocalPath } from "./container.js";
import { duplicate, forbidden, invalid, invalidEach, nonNegative, oneOf, required } from "./field-errors.js";
import { validateLabels } from "./metadata.js";
import { isConfigKey, isDns1123Label, isDns1123Subdomain, isQualifiedName } from "./names.js";
import { child, index } from "./path.js";

export const RESTART_POLICIES = ["Always", "OnFailure", "Never"] as const;
const VOLUME_SOURCES = ["emptyDir", "configMap", "secret", "hostPath"] as const;
const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;

export interface PodSpecRules {
  /** The restart policies allowed here: all for a Pod, only Always in a workload's template. */
  restartPolicies: readonly string[];
}

/** An absent spec is validated as an empty one, so the first missing field is named. */
export function validatePodSpec(maybeSpec: PodSpec | undefined, path: string, rules: PodSpecRules): FieldError[] {
  const spec: PodSpec = maybeSpec ?? { containers: [] };
  const errors: FieldError[] = [];
  const volumeNames = new Set<string>();
  for (const [i, v] of (spec.volumes ?? []).entries()) {
    const p = index(child(path, "volumes"), i);
    errors.push(...validateVolume(v, p));
    if (v.name && volumeNames.has(v.name)) errors.push(duplicate(child(p, "name"), v.name));
    if (v.name) volumeNames.add(v.name);
  }
  const containersPath = child(path, "containers");
  if (!spec.containers?.length) errors.push(required(containersPath));
  const containerNames = new Set<string>();
  const all = [
    ...(spec.initContainers ?? []).map((c, i) => ({ c, p: index(child(path, "initContainers"), i) })),
    ...(spec.containers ?? []).map((c, i) => ({ c, p: index(containersPath, i) })),
  ];
  for (const { c, p } of all) {
    errors.push(...validateContainer(c, p, volumeNames));
    if (c.name && containerNames.has(c.name)) errors.push(duplicate(child(p, "name"), c.name));
    if (c.name) containerNames.add(c.name);
  }
  if (spec.restartPolicy !== undefined && !rules.restartPolicies.includes(spec.restartPolicy)) {
    errors.push(...oneOf(child(path, "restartPolicy"), spec.restartPolicy, rules.restartPolicies));
  }
  errors.push(...nonNegative(child(path, "terminationGracePeriodSeconds"), spec.terminationGracePeriodSeconds));
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > 2147483647)) {
    errors.push(invalid(child(path, "activeDeadlineSeconds"), deadline, "must be between 1 and 2147483647, inclusive"));
  }
  const dnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];
  errors.push(...oneOf(child(path, "dnsPolicy"), spec.dnsPolicy, dnsPolicies));
  errors.push(...validateLabels(spec.nodeSelector, child(path, "nodeSelector")));
  if (spec.nodeName)
    errors.push(...invalidEach(child(path, "nodeName"), spec.nodeName, isDns1123Subdomain(spec.nodeName)));
  errors.push(...validateNodeAffinity(spec, child(child(path, "affinity"), "nodeAffinity")));
  for (const [i, t] of (spec.tolerations ?? []).entries()) {
    errors.push(...validateToleration(t, index(child(path, "tolerations"), i)));
  }
  return errors;
}

function validateVolume(v: Volume, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!v.name) errors.push(required(child(path, "name")));
  else errors.push(...invalidEach(child(path, "name"), v.name, isDns1123Label(v.name)));
  const sources = VOLUME_SOURCES.filter((s) => v[s] !== undefined);
  if (sources.length === 0) errors.push(required(path, "must specify a volume type"));
  for (const extra of sources.slice(1))
    errors.push(forbidden(child(path, extra), "may not specify more than 1 volume type"));
  if (v.emptyDir) {
    const p = child(path, "emptyDir");
    errors.push(...oneOf(child(p, "medium"), v.emptyDir.medium, ["", "Memory"]));
    const size = v.emptyDir.sizeLimit;
    if (size !== undefined) {
      try {
        parseQuantity(size);
      } catch (error) {
        errors.push(invalid(child(p, "sizeLimit"), size, (error as Error).message));
      }
    }
  }
  if (v.configMap && !v.configMap.name) errors.push(required(child(child(path, "configMap"), "name")));
  if (v.secret && !v.secret.secretName) errors.push(required(child(child(path, "secret"), "secretName")));
  if (v.hostPath && !v.hostPath.path) errors.push(required(child(child(path, "hostPath"), "path")));
  for (const source of ["configMap", "secret"] as const) {
    for (const [i, item] of (v[source]?.items ?? []).entries()) {
      const p = index(child(child(path, source), "items"), i);
      if (!item.key) errors.push(required(child(p, "key")));
      else errors.push(...invalidEach(child(p, "key"), item.key, isConfigKey(item.key)));
      if (!item.path) errors.push(required(child(p, "path")));
      else errors.push(...validateLocalPath(item.path, child(p, "path")));
    }
  }
  return errors;
}

function validateNodeAffinity(spec: PodSpec, path: string): FieldError[] {
  const required_ = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required_) return [];
  const errors: FieldError[] = [];
  const termsPath = child(child(path, "requiredDuringSchedulingIgnoredDuringExecution"), "nodeSelectorTerms");
  if (!required_.nodeSelectorTerms?.length) {
    errors.push(required(termsPath, "must have at least one node selector term"));
  }
  for (const [i, term] of (required_.nodeSelectorTerms ?? []).entries()) {
    for (const [j, req] of (term.matchExpressions ?? []).entries()) {
      errors.push(...validateNodeSelectorRequirement(req, index(child(index(termsPath, i), "matchExpressions"), j)));
    }
  }
  return errors;
}

/** A node selector requirement: In/NotIn need values, Exists/DoesNotExist none, Gt/Lt one integer. */
export function validateNodeSelectorRequirement(req: NodeSelectorRequirement, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const values = req.values ?? [];
  const valuesPath = child(path, "values");
  switch (req.operator) {
    case "In":
    case "NotIn":
      if (values.length === 0)
        errors.push(required(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case "Exists":
    case "DoesNotExist":
      if (values.length > 0) {
        errors.push(forbidden(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    case "Gt":
    case "Lt":
      if (values.length !== 1) {
        errors.push(required(valuesPath, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      }
      break;
    default:
      errors.push(
        ...oneOf(child(path, "operator"), req.operator, ["DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"]),
      );
  }
  errors.push(...invalidEach(child(path, "key"), req.key, isQualifiedName(req.key ?? "")));
  return errors;
}

function validateToleration(t: Toleration, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (t.key) errors.push(...invalidEach(child(path, "key"), t.key, isQualifiedName(t.key)));
  const operator = t.operator ?? "Equal";
  if (!t.key && operator !== "Exists") {
    errors.push(
      invalid(
        child(path, "operator"),
        operator,
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      ),
    );
  }
  if (operator === "Exists" && t.value) {
    errors.push(invalid(child(path, "operator"), t.value, "value must be empty when `operator` is 'Exists'"));
  }
  errors.push(...oneOf(child(path, "operator"), t.operator, ["Equal", "Exists"]));
  errors.push(...oneOf(child(path, "effect"), t.effect, TAINT_EFFECTS));
  if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute") {
    errors.push(
      invalid(child(path, "effect"), t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"),
    );
  }
  return errors;
}

export { TAINT_EFFECTS };
