import type { Pod } from "../../api/types/pod.js";
import { cacheKey } from "../runtime/cache-key.js";
import { controllerRef } from "../runtime/enqueue.js";
import type { EventHandlers } from "../runtime/event-handlers.js";
import type { Expectations } from "../runtime/expectations.js";
import type { Lister } from "../runtime/indexer.js";
import type { WorkQueue } from "../runtime/work-queue.js";
import type { DeletionTracker } from "./deletion-tracker.js";
import type { ReplicaKind, ReplicaOwner } from "./replica-kind.js";

export interface PodHandlerDeps {
  kind: ReplicaKind;
  owners: Lister<ReplicaOwner>;
  queue: WorkQueue<string>;
  expectations: Expectations;
  deletions: DeletionTracker;
}

/**
 * Pod events for one owner kind (Kubernetes' addPod/updatePod/deletePod): a pod's controlling
 * owner is enqueued and its expectations observed; an orphan enqueues every owner whose selector
 * matches it, so it gets adopted. A pod marked for deletion counts as deleted at once.
 */
export function podHandlers({ kind, owners, queue, expectations, deletions }: PodHandlerDeps): EventHandlers<Pod> {
  /** The key of the pod's controlling owner of our kind, if that owner is in the cache with that uid. */
  const ownerKey = (pod: Pod): string | undefined => {
    const ref = controllerRef(pod);
    if (ref?.kind !== kind.kind) return undefined;
    const key = `${pod.metadata.namespace}/${ref.name}`;
    return owners.get(key)?.metadata.uid === ref.uid ? key : undefined;
  };
  const enqueueMatchingOwners = (pod: Pod) => {
    for (const owner of owners.list()) {
      if (owner.metadata.namespace !== pod.metadata.namespace) continue;
      if (kind.selector(owner).matches(pod.metadata.labels)) queue.add(cacheKey(owner));
    }
  };
  const deleted = (pod: Pod) => {
    const key = ownerKey(pod);
    if (!key) return;
    deletions.observed(key, pod.metadata.uid ?? "");
    queue.add(key);
  };

  return {
    onAdd: (pod) => {
      if (pod.metadata.deletionTimestamp) return deleted(pod);
      const ref = controllerRef(pod);
      if (ref) {
        const key = ownerKey(pod);
        if (!key) return;
        expectations.creationObserved(key);
        queue.add(key);
        return;
      }
      enqueueMatchingOwners(pod);
    },
    onUpdate: (old, pod) => {
      if (old.metadata.resourceVersion === pod.metadata.resourceVersion) {
        // A periodic resync: nothing changed, but let the owner look again.
        const key = ownerKey(pod);
        if (key) queue.add(key);
        return;
      }
      if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) return deleted(pod);
      const oldRef = controllerRef(old);
      const ref = controllerRef(pod);
      if (oldRef && oldRef.uid !== ref?.uid) {
        const oldKey = ownerKey(old);
        if (oldKey) queue.add(oldKey);
      }
      const key = ownerKey(pod);
      if (key) queue.add(key);
      // Unowned pods, and pods whose labels changed, may now match (or stop matching) an owner.
      if (!ref || JSON.stringify(old.metadata.labels) !== JSON.stringify(pod.metadata.labels)) {
        enqueueMatchingOwners(pod);
      }
    },
    onDelete: deleted,
  };
}
