import type { KubeObject, OwnerReference } from "../../api/object.js";
import { cacheKey } from "./cache-key.js";
import type { EventHandlers } from "./event-handlers.js";
import type { WorkQueue } from "./work-queue.js";

/** The object's controlling owner reference (`controller: true`), if any. */
export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

/**
 * Handlers for a controller's primary kind: every add, update, resync and delete enqueues the
 * object's cache key. Level-triggered: the event only says which key to look at.
 */
export function enqueueObject<T extends KubeObject>(queue: WorkQueue<string>): EventHandlers<T> {
  return {
    onAdd: (obj) => queue.add(cacheKey(obj)),
    onUpdate: (_old, obj) => queue.add(cacheKey(obj)),
    onDelete: (obj) => queue.add(cacheKey(obj)),
  };
}

/**
 * Handlers for a controller's children: a change to a child enqueues the key of its controlling
 * owner when that owner is of `ownerKind` (children live in their owner's namespace). When an
 * update moves the child to another owner, both owners are enqueued.
 */
export function enqueueControllerOf<T extends KubeObject>(
  queue: WorkQueue<string>,
  ownerKind: string,
): EventHandlers<T> {
  const enqueue = (obj: T) => {
    const ref = controllerRef(obj);
    if (ref?.kind !== ownerKind) return;
    const namespace = obj.metadata.namespace;
    queue.add(namespace ? `${namespace}/${ref.name}` : ref.name);
  };
  return {
    onAdd: enqueue,
    onUpdate: (old, obj) => {
      enqueue(obj);
      if (controllerRef(old)?.uid !== controllerRef(obj)?.uid) enqueue(old);
    },
    onDelete: enqueue,
  };
}
