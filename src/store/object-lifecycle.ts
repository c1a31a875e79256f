import type { DeleteOptions } from "../api/client.js";
import { cloneJson } from "../api/clone.js";
import { type FieldError, invalidObjectError } from "../api/errors.js";
import type { KindInfo } from "../api/kinds.js";
import type { KubeObject } from "../api/object.js";
import { generationChanged, nowTimestamp } from "./object-meta.js";

/**
 * The pure half of the registry: how an object's system fields change on create, update, status
 * update and deletion, following Kubernetes' generic registry and strategies. Functions return a
 * new object and leave their inputs alone, except where a parameter is named `owned`.
 */

/** Namespaces a namespaced object may use without one existing, and that may not be deleted. */
export const SYSTEM_NAMESPACES: readonly string[] = ["default", "kube-system"];

/**
 * Puts the namespace where it belongs: "default" when a namespaced object names none, none when
 * cluster-scoped. Changes and returns `owned`, a copy the caller owns.
 */
export function placeObject(info: KindInfo, owned: KubeObject): KubeObject {
  const next = owned;
  if (info.namespaced) next.metadata.namespace = owned.metadata.namespace || "default";
  else delete next.metadata.namespace;
  return next;
}

/** Requires a name (after generateName was completed), as the API server does before validating. */
export function requireName(obj: KubeObject): void {
  if (obj.metadata.name) return;
  const error: FieldError = {
    type: "Required",
    field: "metadata.name",
    detail: "name or generateName is required",
  };
  throw invalidObjectError(obj.kind, "", [error]);
}

/**
 * Sets the system fields of a new object; status dropped for kinds whose status is a subresource.
 * Changes and returns `owned`, a copy the caller owns (create is the hot path: no extra clone).
 */
export function prepareCreate(info: KindInfo, owned: KubeObject, now: Date): KubeObject {
  const next = owned;
  const meta = next.metadata;
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  meta.uid = crypto.randomUUID();
  meta.creationTimestamp = nowTimestamp(now);
  meta.generation = 1;
  if (info.hasStatus) delete next.status;
  if (info.kind === "Namespace") next.status = { phase: "Active" };
  return next;
}

/**
 * The object a main-resource update (PUT or patch) stores: the caller's metadata and spec, the
 * live object's identity, deletion marks and (for kinds with a status subresource) status;
 * generation bumped when anything but metadata and status changed. Throws Invalid when finalizers
 * are added to an object being deleted.
 */
export function prepareUpdate(info: KindInfo, obj: KubeObject, live: KubeObject): KubeObject {
  const next = cloneJson(obj);
  const meta = next.metadata;
  const was = live.metadata;
  copyOrDelete(meta, was, "uid");
  copyOrDelete(meta, was, "creationTimestamp");
  copyOrDelete(meta, was, "deletionTimestamp");
  copyOrDelete(meta, was, "deletionGracePeriodSeconds");
  delete meta.resourceVersion;
  if (info.hasStatus) {
    if (live.status === undefined) delete next.status;
    else next.status = cloneJson(live.status);
  }
  const generation = was.generation ?? 1;
  meta.generation = generationChanged(next, live) ? generation + 1 : generation;
  if (was.deletionTimestamp) {
    const added = (meta.finalizers ?? []).filter((f) => !(was.finalizers ?? []).includes(f));
    if (added.length > 0) {
      throw invalidObjectError(info.kind, meta.name ?? "", [
        {
          type: "Forbidden",
          field: "metadata.finalizers",
          detail: "no new finalizers can be added if the object is being deleted",
        },
      ]);
    }
  }
  return next;
}

/** The object a status update stores: the live object with the caller's status. */
export function prepareStatusUpdate(obj: KubeObject, live: KubeObject): KubeObject {
  const next = cloneJson(live);
  delete next.metadata.resourceVersion;
  if (obj.status === undefined) delete next.status;
  else next.status = cloneJson(obj.status);
  return next;
}

/** True when this state has no reason left to exist: marked for deletion and no finalizer. */
export function readyToRemove(obj: KubeObject): boolean {
  return obj.metadata.deletionTimestamp !== undefined && (obj.metadata.finalizers ?? []).length === 0;
}

/** The finalizers a delete leaves on the object: its own plus the propagation policy's. */
export function finalizersAfterDelete(live: KubeObject, options: DeleteOptions): string[] {
  const finalizers = [...(live.metadata.finalizers ?? [])];
  const policyFinalizer =
    options.propagationPolicy === "Foreground"
      ? "foregroundDeletion"
      : options.propagationPolicy === "Orphan"
        ? "orphan"
        : undefined;
  if (policyFinalizer && !finalizers.includes(policyFinalizer)) finalizers.push(policyFinalizer);
  return finalizers;
}

/**
 * Marks an object for deletion: deletionTimestamp now (plus a grace period, for pods the kubelet
 * stops gracefully), the finalizers that must clear first, generation bumped on first marking.
 */
export function markForDeletion(live: KubeObject, finalizers: string[], now: Date, graceSeconds = 0): KubeObject {
  const next = cloneJson(live);
  const meta = next.metadata;
  delete meta.resourceVersion;
  if (finalizers.length > 0) meta.finalizers = finalizers;
  if (!meta.deletionTimestamp) {
    meta.deletionTimestamp = nowTimestamp(new Date(now.getTime() + graceSeconds * 1000));
    meta.deletionGracePeriodSeconds = graceSeconds;
    meta.generation = (meta.generation ?? 1) + 1;
  }
  return next;
}

/** A namespace being deleted: Terminating, held by the "kubernetes" finalizer until it is empty. */
export function markNamespaceTerminating(live: KubeObject, now: Date): KubeObject {
  const next = markForDeletion(live, live.metadata.finalizers ?? [], now);
  next.spec = { ...(live.spec as object | undefined), finalizers: ["kubernetes"] };
  next.status = { ...(live.status as object | undefined), phase: "Terminating" };
  return next;
}

function copyOrDelete<K extends keyof KubeObject["metadata"]>(
  target: KubeObject["metadata"],
  source: KubeObject["metadata"],
  field: K,
): void {
  if (source[field] === undefined) delete target[field];
  else target[field] = source[field];
}
