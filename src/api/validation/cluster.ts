/** Namespace, Node and Event rules. */
import type { FieldError } from "../errors.js";
import type { Event } from "../types/event.js";
import type { Namespace } from "../types/namespace.js";
import type { Node } from "../types/node.js";
import { duplicate, invalidEach, nonNegative, oneOf, required } from "./field-errors.js";
import { isLabelValue, isQualifiedName } from "./names.js";
import { child, index } from "./path.js";
import { TAINT_EFFECTS } from "./pod-spec.js";

export function validateNamespace(ns: Namespace): FieldError[] {
  return (ns.spec?.finalizers ?? []).flatMap((f, i) => invalidEach(index("spec.finalizers", i), f, isQualifiedName(f)));
}

export function validateNode(node: Node): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [i, taint] of (node.spec?.taints ?? []).entries()) {
    const p = index("spec.taints", i);
    if (!taint.key) errors.push(required(child(p, "key")));
    else errors.push(...invalidEach(child(p, "key"), taint.key, isQualifiedName(taint.key)));
    if (taint.value) errors.push(...invalidEach(child(p, "value"), taint.value, isLabelValue(taint.value)));
    if (!taint.effect) errors.push(required(child(p, "effect")));
    else errors.push(...oneOf(child(p, "effect"), taint.effect, TAINT_EFFECTS));
    const id = `${taint.key}:${taint.effect}`;
    if (seen.has(id)) errors.push(duplicate(p, { key: taint.key, effect: taint.effect }));
    seen.add(id);
  }
  return errors;
}

export function validateEvent(event: Event): FieldError[] {
  const errors = [...nonNegative("count", event.count), ...oneOf("type", event.type, ["Normal", "Warning"])];
  if (!event.involvedObject) errors.push(required("involvedObject"));
  return errors;
}
