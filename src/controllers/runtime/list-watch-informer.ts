import type { Client, ListOptions, Watch } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import type { KubeObject, WatchEvent } from "../../api/object.js";
import { cacheKey } from "./cache-key.js";
import { type Delta, isStaleVersion, relistDeltas } from "./deltas.js";
import { dispatch, type EventHandlers } from "./event-handlers.js";
import { Indexer, type IndexFunc, type Lister } from "./indexer.js";
import type { Informer, InformerOptions } from "./informer.js";
import { type Log, stderrLog } from "./log.js";

type WatchOutcome = "resume" | "relist";

/** The Informer implementation: one list-and-watch loop feeding an Indexer (see Informer). */
export class ListWatchInformer<T extends KubeObject> implements Informer<T> {
  readonly kind: string;
  readonly #client: Client;
  readonly #selection: ListOptions;
  readonly #indexer: Indexer<T>;
  readonly #handlers = new Set<EventHandlers<T>>();
  readonly #syncWaiters = new Set<(synced: boolean) => void>();
  readonly #resyncMs: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  readonly #log: Log;
  #rv: string | undefined;
  #started = false;
  #stopped = false;
  #synced = false;
  #watch: Watch | undefined;
  #watchToken: object | undefined;
  #resyncTimer: NodeJS.Timeout | undefined;
  #wakeUp: (() => void) | undefined;

  constructor(client: Client, kind: string, options: InformerOptions<T>) {
    const { namespace, labelSelector, fieldSelector, resyncMs = 0, indexers = {} } = options;
    this.kind = kind;
    this.#client = client;
    this.#selection = {};
    if (namespace) this.#selection.namespace = namespace;
    if (labelSelector) this.#selection.labelSelector = labelSelector;
    if (fieldSelector) this.#selection.fieldSelector = fieldSelector;
    this.#indexer = new Indexer<T>(indexers);
    this.#resyncMs = resyncMs;
    this.#retryBaseMs = options.retryBaseMs ?? 100;
    this.#retryMaxMs = options.retryMaxMs ?? 30_000;
    this.#log = options.log ?? stderrLog;
  }

  get cache(): Lister<T> {
    return this.#indexer;
  }

  get resourceVersion(): string | undefined {
    return this.#rv;
  }

  addEventHandler(handlers: EventHandlers<T>): () => void {
    this.#handlers.add(handlers);
    for (const obj of this.#indexer.list()) dispatch([handlers], { type: "add", obj }, this.#log, this.kind);
    return () => this.#handlers.delete(handlers);
  }

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    this.#indexer.addIndexers(indexers);
  }

  start(): void {
    if (this.#started || this.#stopped) return;
    this.#started = true;
    if (this.#resyncMs > 0) {
      this.#resyncTimer = setInterval(() => this.#resync(), this.#resyncMs);
      this.#resyncTimer.unref();
    }
    void this.#run();
  }

  hasSynced(): boolean {
    return this.#synced;
  }

  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.#synced) return Promise.resolve(true);
    if (this.#stopped || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const settle = (synced: boolean) => {
        this.#syncWaiters.delete(settle);
        signal?.removeEventListener("abort", onAbort);
        resolve(synced);
      };
      const onAbort = () => settle(false);
      this.#syncWaiters.add(settle);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#resyncTimer);
    this.#watch?.stop();
    this.#wakeUp?.();
    for (const settle of [...this.#syncWaiters]) settle(false);
  }

  /** The list-and-watch loop; it only returns once stopped. */
  async #run(): Promise<void> {
    let needList = true;
    let delay = this.#retryBaseMs;
    while (!this.#stopped) {
      try {
        if (needList) {
          await this.#relist();
          needList = false;
        }
        // stop() may have run while the list was awaited; it could not stop a watch not yet begun.
        if (this.#stopped) return;
        const { outcome, delivered } = await this.#watchOnce();
        needList = outcome === "relist";
        if (delivered || needList) {
          delay = this.#retryBaseMs;
          continue;
        }
      } catch (error) {
        if (this.#stopped) return;
        const message = error instanceof Error ? error.message : String(error);
        this.#log(`informer ${this.kind}: ${needList ? "list" : "watch"} failed, retrying in ${delay} ms: ${message}`);
      }
      // A failure, or a watch that ended without news: wait so a refusing server is not hammered.
      await this.#sleep(delay);
      delay = Math.min(delay * 2, this.#retryMaxMs);
    }
  }

  async #relist(): Promise<void> {
    const list = await this.#client.list(this.kind, this.#selection);
    if (this.#stopped) return;
    for (const delta of relistDeltas(this.#indexer, list.items as T[])) this.#apply(delta);
    this.#rv = list.resourceVersion;
    if (!this.#synced) {
      this.#synced = true;
      for (const settle of [...this.#syncWaiters]) settle(true);
    }
  }

  /** Watches from the last seen version until the watch ends; says whether to resume or relist. */
  #watchOnce(): Promise<{ outcome: WatchOutcome; delivered: boolean }> {
    let delivered = false;
    let errorEvent = false;
    // A fresh token per watch, set before watching, so a late event of an older watch is ignored.
    const token = {};
    this.#watchToken = token;
    const options = { ...this.#selection, ...(this.#rv ? { resourceVersion: this.#rv } : {}) };
    const watch = this.#client.watch(this.kind, options, (event) => {
      if (this.#stopped || this.#watchToken !== token) return;
      if (event.type === "ERROR") {
        // A server-side error event (Kubernetes sends 410 this way): start over from a list.
        errorEvent = true;
        watch.stop();
        return;
      }
      if (this.#onEvent(event)) delivered = true;
    });
    this.#watch = watch;
    return watch.done.then(
      () => ({ outcome: errorEvent ? "relist" : "resume", delivered }),
      (error: unknown) => {
        if (isSlipwayError(error, "Gone")) return { outcome: "relist", delivered };
        throw error;
      },
    );
  }

  /** Applies one watch event; false when it carried nothing new. */
  #onEvent(event: WatchEvent): boolean {
    const obj = event.object as T;
    const rv = obj.metadata.resourceVersion;
    if (event.type === "BOOKMARK") {
      if (rv && !isStaleVersion(rv, this.#rv)) this.#rv = rv;
      return false;
    }
    if (isStaleVersion(rv, this.#rv)) return false;
    const key = cacheKey(obj);
    const old = this.#indexer.get(key);
    if (event.type === "DELETED") {
      if (old) this.#apply({ type: "delete", obj, finalStateUnknown: false });
    } else if (old) {
      this.#apply({ type: "update", old, obj });
    } else {
      this.#apply({ type: "add", obj });
    }
    if (rv) this.#rv = rv;
    return true;
  }

  #apply(delta: Delta<T>): void {
    if (delta.type === "delete") this.#indexer.delete(cacheKey(delta.obj));
    else this.#indexer.set(delta.obj);
    dispatch(this.#handlers, delta, this.#log, this.kind);
  }

  #resync(): void {
    if (!this.#synced || this.#stopped) return;
    for (const obj of this.#indexer.list()) {
      dispatch(this.#handlers, { type: "update", old: obj, obj }, this.#log, this.kind);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = done;
    });
  }
}
