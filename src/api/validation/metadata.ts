/** ObjectMeta rules: names, namespace, labels, annotations, owner references, finalizers. */
import type { FieldError } from "../errors.js";
import type { ObjectMeta } from "../object.js";
import { forbidden, invalid, invalidEach, required, tooLong } from "./field-errors.js";
import { isDns1123Label, isLabelValue, isQualifiedName } from "./names.js";
import { child, index } from "./path.js";

/** Kubernetes' TotalAnnotationSizeLimitB: keys plus values of one object. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

export type NameCheck = (name: string) => string[];

export interface MetaRules {
  /** The syntax the kind's names must follow (DNS-1123 subdomain for most kinds). */
  nameCheck: NameCheck;
  namespaced: boolean;
}

/** Label keys must be qualified names, values valid label values (also used for selectors). */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!labels) return errors;
  for (const k in labels) {
    if (!Object.hasOwn(labels, k)) continue;
    const v = labels[k] as string;
    const keyProblems = isQualifiedName(k);
    if (keyProblems.length > 0) errors.push(...invalidEach(path, k, keyProblems));
    const valueProblems = isLabelValue(v);
    if (valueProblems.length > 0) errors.push(...invalidEach(path, v, valueProblems));
  }
  return errors;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  if (!annotations) return errors;
  for (const k in annotations) {
    if (!Object.hasOwn(annotations, k)) continue;
    const problems = isQualifiedName(k.toLowerCase());
    if (problems.length > 0) errors.push(...invalidEach(path, k, problems));
    size += Buffer.byteLength(k) + Buffer.byteLength(annotations[k] as string);
  }
  if (size > MAX_ANNOTATIONS_BYTES) errors.push(tooLong(path, MAX_ANNOTATIONS_BYTES));
  return errors;
}

/** Validates an object's own metadata (not a pod template's, see validateTemplateMeta). */
export function validateObjectMeta(meta: ObjectMeta, rules: MetaRules, path = "metadata"): FieldError[] {
  const errors: FieldError[] = [];
  const namePath = child(path, "name");
  if (meta.name) {
    errors.push(...invalidEach(namePath, meta.name, rules.nameCheck(meta.name)));
  } else if (meta.generateName) {
    // A generated name appends random characters, so a trailing dash is fine in the prefix.
    const prefix = meta.generateName.replace(/-$/, "");
    errors.push(...invalidEach(child(path, "generateName"), meta.generateName, rules.nameCheck(prefix)));
  } else {
    errors.push(required(namePath, "name or generateName is required"));
  }
  const nsPath = child(path, "namespace");
  if (!rules.namespaced && meta.namespace) errors.push(forbidden(nsPath, "not allowed on this type"));
  if (rules.namespaced && meta.namespace)
    errors.push(...invalidEach(nsPath, meta.namespace, isDns1123Label(meta.namespace)));
  errors.push(...nonNegativeGeneration(meta, path));
  errors.push(...validateLabels(meta.labels, child(path, "labels")));
  errors.push(...validateAnnotations(meta.annotations, child(path, "annotations")));
  errors.push(...validateOwnerReferences(meta, path));
  for (const [i, f] of (meta.finalizers ?? []).entries()) {
    errors.push(...invalidEach(index(child(path, "finalizers"), i), f, isQualifiedName(f)));
  }
  return errors;
}

/** A pod template's metadata: labels and annotations only, names are the controller's. */
export function validateTemplateMeta(meta: ObjectMeta | undefined, path: string): FieldError[] {
  return [
    ...validateLabels(meta?.labels, child(path, "labels")),
    ...validateAnnotations(meta?.annotations, child(path, "annotations")),
  ];
}

function nonNegativeGeneration(meta: ObjectMeta, path: string): FieldError[] {
  const g = meta.generation;
  return g !== undefined && g < 0 ? [invalid(child(path, "generation"), g, "must be greater than or equal to 0")] : [];
}

function validateOwnerReferences(meta: ObjectMeta, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const refsPath = child(path, "ownerReferences");
  let controllers = 0;
  for (const [i, ref] of (meta.ownerReferences ?? []).entries()) {
    const p = index(refsPath, i);
    if (!ref.apiVersion)
      errors.push(invalid(child(p, "apiVersion"), ref.apiVersion ?? "", "version must not be empty"));
    if (!ref.kind) errors.push(invalid(child(p, "kind"), ref.kind ?? "", "kind must not be empty"));
    if (!ref.name) errors.push(invalid(child(p, "name"), ref.name ?? "", "name must not be empty"));
    if (!ref.uid) errors.push(invalid(child(p, "uid"), ref.uid ?? "", "uid must not be empty"));
    if (ref.controller) controllers++;
  }
  if (controllers > 1) {
    errors.push(invalid(refsPath, meta.ownerReferences, "Only one reference can have Controller set to true"));
  }
  return errors;
}
