import type { Client } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import type { KubeObject } from "../../api/object.js";
import type { Lister } from "../runtime/indexer.js";
import { FOREGROUND, isDeletingWith, ORPHAN, type OwnerState, resolveOwner } from "./owner-state.js";

/** What the collector's sync steps read and write through. */
export interface CollectContext {
  client: Client;
  /** One cache per watched kind, each indexed "ownerUid" by byOwnerUid. */
  caches: ReadonlyMap<string, Lister>;
}

/** Every cached object (of any watched kind) that lists `uid` among its owners. */
export function dependentsOf({ caches }: CollectContext, uid: string): KubeObject[] {
  return [...caches.values()].flatMap((cache) => cache.byIndex("ownerUid", uid));
}

/**
 * One step of collection for `obj`: an owner being deleted with the orphan or foregroundDeletion
 * finalizer has its dependents detached or deleted first; an object whose owners are all gone is
 * deleted, and one that still has a live owner loses its references to the gone ones.
 */
export async function collect(ctx: CollectContext, obj: KubeObject): Promise<void> {
  if (isDeletingWith(obj, ORPHAN)) return orphanDependents(ctx, obj);
  if (isDeletingWith(obj, FOREGROUND)) return deleteDependentsFirst(ctx, obj);
  if (obj.metadata.deletionTimestamp || !obj.metadata.ownerReferences?.length) return;
  await collectIfOwnersGone(ctx, obj);
}

async function orphanDependents(ctx: CollectContext, owner: KubeObject): Promise<void> {
  const uid = owner.metadata.uid ?? "";
  for (const dependent of dependentsOf(ctx, uid)) {
    const next = structuredClone(dependent);
    const refs = (dependent.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
    if (refs.length > 0) next.metadata.ownerReferences = refs;
    else delete next.metadata.ownerReferences;
    await ignoreNotFound(ctx.client.update(next));
  }
  await removeFinalizer(ctx.client, owner, ORPHAN);
}

async function deleteDependentsFirst(ctx: CollectContext, owner: KubeObject): Promise<void> {
  const uid = owner.metadata.uid ?? "";
  const dependents = dependentsOf(ctx, uid);
  for (const dependent of dependents) {
    if (dependent.metadata.deletionTimestamp) continue;
    await deleteObject(ctx, dependent, "deletingForeground");
  }
  const blocking = dependents.filter((d) =>
    d.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true),
  );
  // The dependents' delete events enqueue the owner again; it is released once none blocks.
  if (blocking.length === 0) await removeFinalizer(ctx.client, owner, FOREGROUND);
}

async function collectIfOwnersGone(ctx: CollectContext, obj: KubeObject): Promise<void> {
  const refs = obj.metadata.ownerReferences ?? [];
  const states = await Promise.all(refs.map((ref) => resolveOwner(ctx.client, ctx.caches, obj, ref)));
  const dangling = refs.filter((_, i) => states[i] === "absent");
  if (dangling.length === 0 && !states.includes("deletingForeground")) return;
  if (states.includes("present")) {
    if (dangling.length === 0) return;
    // A live owner keeps the object; forget the owners that are gone.
    const next = structuredClone(obj);
    next.metadata.ownerReferences = refs.filter((_, i) => states[i] !== "absent");
    await ignoreNotFound(ctx.client.update(next));
    return;
  }
  await deleteObject(ctx, obj, states.includes("deletingForeground") ? "deletingForeground" : "absent");
}

/**
 * Deletes a dependent, guarded by the resourceVersion read: deleting an object that is already
 * marked (a pod its kubelet is stopping) would remove it at once, and the cache may not show the
 * mark yet; a Conflict retries the sync after a fresh read. Under a foreground owner, a dependent
 * that has dependents of its own is deleted in the foreground too, so the chain goes bottom-up.
 */
async function deleteObject(ctx: CollectContext, obj: KubeObject, why: OwnerState): Promise<void> {
  const { kind, metadata } = obj;
  const hasDependents = dependentsOf(ctx, metadata.uid ?? "").length > 0;
  const propagationPolicy = why === "deletingForeground" && hasDependents ? "Foreground" : "Background";
  await ignoreNotFound(
    ctx.client.delete(kind, metadata.namespace ?? "", metadata.name ?? "", {
      uid: metadata.uid ?? "",
      resourceVersion: metadata.resourceVersion ?? "",
      propagationPolicy,
    }),
  );
}

async function removeFinalizer(client: Client, obj: KubeObject, finalizer: string): Promise<void> {
  const next = structuredClone(obj);
  next.metadata.finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  await ignoreNotFound(client.update(next));
}

async function ignoreNotFound(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (!isSlipwayError(error, "NotFound")) throw error;
  }
}
