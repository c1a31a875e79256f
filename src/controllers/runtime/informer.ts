import type { Client } from "../../api/client.js";
import type { KubeObject } from "../../api/object.js";
import type { EventHandlers } from "./event-handlers.js";
import type { IndexFunc, Lister } from "./indexer.js";
import { ListWatchInformer } from "./list-watch-informer.js";
import type { Log } from "./log.js";

export interface InformerOptions<T extends KubeObject = KubeObject> {
  /** Omit for every namespace. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Re-deliver every cached object as an update this often (0 or omitted: never). */
  resyncMs?: number;
  /** Secondary indexes of the cache, by name (see byOwnerUid, byNodeName). */
  indexers?: Record<string, IndexFunc<T>>;
  /** Back-off after a failed list or an empty watch: first delay (default 100 ms) and cap (30 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  log?: Log;
}

/**
 * A local, always-converging copy of one kind's objects, with change notifications.
 *
 * Contract:
 * - Lists, then watches from the list's resourceVersion. When a watch ends (a dropped connection),
 *   it watches again from the last version it saw, so no change is delivered twice or missed.
 *   When that version is too old (Gone) it lists again and delivers the differences: adds,
 *   updates, and deletes of objects removed meanwhile (`finalStateUnknown: true`).
 * - Handlers see every change in resourceVersion order; a periodic resync re-delivers every cached
 *   object as an update (old === new).
 * - Objects in the cache and handed to handlers are shared: never mutate them.
 */
export interface Informer<T extends KubeObject = KubeObject> {
  readonly kind: string;
  /** The cache, keyed `namespace/name` (or `name` for cluster-scoped kinds). */
  readonly cache: Lister<T>;
  /** Registers handlers; objects already cached are delivered to them as adds. Returns a remover. */
  addEventHandler(handlers: EventHandlers<T>): () => void;
  /** Adds secondary indexes to the cache (see Indexer.addIndexers). */
  addIndexers(indexers: Record<string, IndexFunc<T>>): void;
  /** Starts listing and watching (idempotent). */
  start(): void;
  /** True once the first list has been stored and delivered. */
  hasSynced(): boolean;
  /** Resolves true once synced, false if the informer is stopped or the signal aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean>;
  /** The last resourceVersion the cache reflects. */
  readonly resourceVersion: string | undefined;
  /** Ends the watch and timers; no handler is called afterwards. */
  stop(): void;
}

/** Builds an informer for `kind` over any Client (in-process registry or HTTP). Call start(). */
export function createInformer<T extends KubeObject = KubeObject>(
  client: Client,
  kind: string,
  options: InformerOptions<T> = {},
): Informer<T> {
  return new ListWatchInformer<T>(client, kind, options);
}
