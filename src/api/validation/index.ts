/**
 * Validation of objects as the API server does it on create and update: a structural pass over a
 * declarative schema (unknown fields, wrong types), then Kubernetes' semantic rules per kind, with
 * Kubernetes' field paths and messages. Pure.
 */
import { type FieldError, formatFieldError } from "../errors.js";
import { KINDS, kindInfo } from "../kinds.js";
import type { KubeObject, ObjectMeta } from "../object.js";
import type { Deployment, ReplicaSet } from "../types/apps.js";
import type { ConfigMap, Secret } from "../types/config.js";
import type { Event } from "../types/event.js";
import type { Namespace } from "../types/namespace.js";
import type { Node } from "../types/node.js";
import type { Pod } from "../types/pod.js";
import type { ReplicationController } from "../types/replication-controller.js";
import type { Endpoints, Service } from "../types/service.js";
import { validateEvent, validateNamespace, validateNode } from "./cluster.js";
import { validateConfigMap, validateSecret } from "./config.js";
import { notSupported } from "./field-errors.js";
import { type NameCheck, validateObjectMeta } from "./metadata.js";
import { isDns1035Label, isDns1123Label, isDns1123Subdomain } from "./names.js";
import { RESTART_POLICIES, validatePodSpec } from "./pod-spec.js";
import { validateEndpoints, validateService } from "./service.js";
import { checkShape, withoutNulls } from "./structural.js";
import { validateImmutableFields } from "./update.js";
import { validateDeployment, validateReplicaSet, validateReplicationController } from "./workloads.js";

export { validateImmutableFields } from "./update.js";

interface KindRules {
  nameCheck: NameCheck;
  validate: (obj: KubeObject) => FieldError[];
}

// The casts are safe: the structural pass has already checked every field's type.
const RULES: Readonly<Record<string, KindRules>> = {
  Namespace: { nameCheck: isDns1123Label, validate: (o) => validateNamespace(o as Namespace) },
  Node: { nameCheck: isDns1123Subdomain, validate: (o) => validateNode(o as Node) },
  ConfigMap: { nameCheck: isDns1123Subdomain, validate: (o) => validateConfigMap(o as ConfigMap) },
  Secret: { nameCheck: isDns1123Subdomain, validate: (o) => validateSecret(o as Secret) },
  Service: { nameCheck: isDns1035Label, validate: (o) => validateService(o as Service) },
  Endpoints: { nameCheck: isDns1123Subdomain, validate: (o) => validateEndpoints(o as Endpoints) },
  Pod: {
    nameCheck: isDns1123Subdomain,
    validate: (o) => validatePodSpec((o as Pod).spec, "spec", { restartPolicies: RESTART_POLICIES }),
  },
  ReplicationController: {
    nameCheck: isDns1123Subdomain,
    validate: (o) => validateReplicationController(o as ReplicationController),
  },
  Event: { nameCheck: isDns1123Subdomain, validate: (o) => validateEvent(o as Event) },
  ReplicaSet: { nameCheck: isDns1123Subdomain, validate: (o) => validateReplicaSet(o as ReplicaSet) },
  Deployment: { nameCheck: isDns1123Subdomain, validate: (o) => validateDeployment(o as Deployment) },
};

/**
 * Validates one object as the API server would on create: known apiVersion/kind, names, labels,
 * annotations, unknown fields, types, required fields and the kind's own rules. Pure.
 * Field paths are relative to the object root: `spec.template.spec.containers[0].image`.
 * When a field has the wrong type only the structural errors are returned (the object could not
 * be decoded, as in Kubernetes); unknown fields are reported together with the semantic errors.
 */
export function validateObject(obj: KubeObject): FieldError[] {
  return check(obj).errors;
}

/** Validates an update: everything validateObject checks plus immutable fields. Pure. */
export function validateObjectUpdate(next: KubeObject, previous: KubeObject): FieldError[] {
  const { errors, decoded } = check(next);
  if (!decoded) return errors;
  return [...errors, ...validateImmutableFields(next, withoutNulls(previous))];
}

/** `decoded` is false when the object's kind or shape is wrong, so no further rule can apply. */
function check(obj: KubeObject): { errors: FieldError[]; decoded: boolean } {
  const info = kindInfo(obj.kind);
  const rules = RULES[obj.kind];
  if (!info || !rules) {
    return {
      errors: [
        notSupported(
          "kind",
          obj.kind,
          KINDS.map((k) => k.kind),
        ),
      ],
      decoded: false,
    };
  }
  if (obj.apiVersion !== info.apiVersion) {
    return { errors: [notSupported("apiVersion", obj.apiVersion, [info.apiVersion])], decoded: false };
  }
  const structural: FieldError[] = [];
  const sawNull = checkShape(obj, obj.kind, "", structural);
  if (structural.some((e) => e.type !== "UnknownField")) return { errors: structural, decoded: false };
  const clean = sawNull ? withoutNulls(obj) : obj;
  const meta: ObjectMeta = clean.metadata ?? {};
  const errors = [
    ...structural,
    ...validateObjectMeta(meta, { nameCheck: rules.nameCheck, namespaced: info.namespaced }),
    ...rules.validate(clean),
  ];
  return { errors, decoded: true };
}

/** The errors rendered one per line, as `kubectl` prints them. */
export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => formatFieldError(e)).join("\n");
}
