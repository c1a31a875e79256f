import type { KubeObject } from "../../api/object.js";
import type { Delta } from "./deltas.js";
import type { Log } from "./log.js";

export interface DeleteInfo {
  /**
   * True when the delete was inferred from a relist (the watch missed it): the object is the last
   * state the cache knew, not the state at deletion (client-go's DeletedFinalStateUnknown).
   */
  finalStateUnknown: boolean;
}

/**
 * Callbacks for cache changes. They run synchronously on the informer's event path, in the order
 * of changes, and receive the cache's own objects: never mutate them (`structuredClone` first).
 * Keep them short: the usual body enqueues a key.
 */
export interface EventHandlers<T extends KubeObject = KubeObject> {
  onAdd?(obj: T): void;
  /** Also called with old === obj on every periodic resync. */
  onUpdate?(old: T, obj: T): void;
  onDelete?(obj: T, info: DeleteInfo): void;
}

/**
 * Calls every handler for one delta. A handler that throws is logged and does not stop the others
 * or the informer.
 */
export function dispatch<T extends KubeObject>(
  handlers: Iterable<EventHandlers<T>>,
  delta: Delta<T>,
  log: Log,
  kind: string,
): void {
  for (const handler of handlers) {
    try {
      if (delta.type === "add") handler.onAdd?.(delta.obj);
      else if (delta.type === "update") handler.onUpdate?.(delta.old, delta.obj);
      else handler.onDelete?.(delta.obj, { finalStateUnknown: delta.finalStateUnknown });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`informer ${kind}: ${delta.type} handler failed: ${message}`);
    }
  }
}
