/**
 * Fields an update may not change: names, apps/v1 selectors, a set cluster IP, most of a pod's spec,
 * a Secret's type and the data of an immutable ConfigMap or Secret.
 */
import { isDeepStrictEqual } from "node:util";
import type { FieldError } from "../errors.js";
import type { KubeObject } from "../object.js";
import type { PodSpec } from "../types/pod.js";
import { forbidden, invalid } from "./field-errors.js";

const IMMUTABLE = "field is immutable";

export const POD_UPDATE_MESSAGE = "pod updates may not change fields other than `spec.containers[*].image`";

/** Plain JSON view, so an `undefined` property and a missing one compare equal. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function same(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(plain(a), plain(b));
}

function specOf(obj: KubeObject): Record<string, unknown> | undefined {
  const spec = obj.spec;
  return typeof spec === "object" && spec !== null ? (spec as Record<string, unknown>) : undefined;
}

/** The immutability rules only; validateObjectUpdate adds everything validateObject checks. */
export function validateImmutableFields(next: KubeObject, previous: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const meta = next.metadata ?? {};
  const prevMeta = previous.metadata ?? {};
  if ((meta.name ?? "") !== (prevMeta.name ?? "")) errors.push(invalid("metadata.name", meta.name ?? "", IMMUTABLE));
  if ((meta.namespace ?? "") !== (prevMeta.namespace ?? "")) {
    errors.push(invalid("metadata.namespace", meta.namespace ?? "", IMMUTABLE));
  }
  const nextSpec = specOf(next);
  const prevSpec = specOf(previous);
  switch (next.kind) {
    case "ReplicaSet":
    case "Deployment":
      if (!same(nextSpec?.selector, prevSpec?.selector)) {
        errors.push(invalid("spec.selector", nextSpec?.selector ?? null, IMMUTABLE));
      }
      break;
    case "Service": {
      const was = prevSpec?.clusterIP;
      if (typeof was === "string" && was !== "" && nextSpec?.clusterIP !== was) {
        errors.push(invalid("spec.clusterIP", nextSpec?.clusterIP ?? "", IMMUTABLE));
      }
      break;
    }
    case "ConfigMap":
    case "Secret":
      errors.push(...immutableData(next, previous));
      break;
    case "Pod":
      if (!podSpecUpdateAllowed(nextSpec as PodSpec | undefined, prevSpec as PodSpec | undefined)) {
        errors.push(forbidden("spec", POD_UPDATE_MESSAGE));
      }
      break;
  }
  return errors;
}

/**
 * Only container images may change, plus binding: setting spec.nodeName on a pod that had none,
 * which is how the scheduler assigns a node.
 */
function podSpecUpdateAllowed(next: PodSpec | undefined, previous: PodSpec | undefined): boolean {
  if (!next || !previous) return same(next, previous);
  const candidate = structuredClone(next);
  candidate.containers?.forEach((c, i) => {
    const before = previous.containers?.[i];
    if (before && c) c.image = before.image;
  });
  if (!previous.nodeName) {
    if (previous.nodeName === undefined) delete candidate.nodeName;
    else candidate.nodeName = previous.nodeName;
  }
  return same(candidate, previous);
}

/** A ConfigMap or Secret marked `immutable: true` keeps its data, and a Secret always keeps its type. */
function immutableData(next: KubeObject, previous: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  if (next.kind === "Secret" && (next.type ?? "Opaque") !== (previous.type ?? "Opaque")) {
    errors.push(invalid("type", next.type ?? "Opaque", IMMUTABLE));
  }
  if (previous.immutable !== true) return errors;
  const fields = next.kind === "Secret" ? ["data"] : ["data", "binaryData"];
  for (const field of fields) {
    if (!same(next[field] ?? {}, previous[field] ?? {})) {
      errors.push(forbidden(field, "field is immutable when `immutable` is set"));
    }
  }
  if (next.immutable !== true) errors.push(forbidden("immutable", "field is immutable when `immutable` is set"));
  return errors;
}
