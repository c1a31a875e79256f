import type { Client } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import { kindInfo } from "../../api/kinds.js";
import type { KubeObject, OwnerReference } from "../../api/object.js";
import type { Lister } from "../runtime/indexer.js";

export const FOREGROUND = "foregroundDeletion";
export const ORPHAN = "orphan";

/**
 * What an ownerReference points at:
 * - `absent`: no object of that kind, namespace, name and uid exists (verified with a live read);
 * - `deletingForeground`: it exists and waits for its dependents to be deleted first;
 * - `present`: anything else (including kinds the collector cannot look up: when in doubt, keep).
 */
export type OwnerState = "absent" | "deletingForeground" | "present";

export function isDeletingWith(obj: KubeObject, finalizer: string): boolean {
  return obj.metadata.deletionTimestamp !== undefined && (obj.metadata.finalizers ?? []).includes(finalizer);
}

function stateOf(owner: KubeObject): OwnerState {
  return isDeletingWith(owner, FOREGROUND) ? "deletingForeground" : "present";
}

/**
 * Resolves one ownerReference of `dependent`. The cache answers when it holds the owner; a miss is
 * confirmed with a live read, because a lagging cache must never make the collector delete a
 * dependent whose owner was just created (Kubernetes verifies absence the same way).
 */
export async function resolveOwner(
  client: Client,
  caches: ReadonlyMap<string, Lister>,
  dependent: KubeObject,
  ref: OwnerReference,
): Promise<OwnerState> {
  const info = kindInfo(ref.kind);
  if (!info) return "present";
  const namespace = info.namespaced ? (dependent.metadata.namespace ?? "") : "";
  const cached = caches.get(ref.kind)?.get(namespace ? `${namespace}/${ref.name}` : ref.name);
  if (cached?.metadata.uid === ref.uid) return stateOf(cached);
  try {
    const live = await client.get(ref.kind, namespace, ref.name);
    return live.metadata.uid === ref.uid ? stateOf(live) : "absent";
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return "absent";
    throw error;
  }
}
