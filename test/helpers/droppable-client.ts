import type { Client, Watch, WatchHandler, WatchOptions } from "../../src/api/client.js";
import { SlipwayError } from "../../src/api/errors.js";

/**
 * A Client that forwards to a real one and lets a test cut its watches from outside, as a dropped
 * connection would: `drop()` ends every open watch (done resolves), `break(error)` fails them, `hold()` makes new watches wait
 * until `release()`, so the test can change the store while nobody watches; `failLists(n)` makes
 * the next n lists fail as an unreachable server would; `sendError()` delivers an ERROR event on
 * every open watch. Records the resourceVersion each watch started from and each list's version.
 */
export class DroppableClient {
  readonly client: Client;
  readonly watchStarts: (string | undefined)[] = [];
  readonly lists: number[] = [];
  readonly #open = new Map<Watch, { handler: WatchHandler; fail: (error: Error) => void }>();
  #failingLists = 0;
  #gate: Promise<void> | undefined;
  #release: (() => void) | undefined;

  constructor(inner: Client) {
    // Explicit forwarding: the registry keeps private fields, so its methods need it as `this`.
    this.client = {
      get: (kind, namespace, name) => inner.get(kind, namespace, name),
      list: async (kind, options) => {
        if (this.#failingLists > 0) {
          this.#failingLists--;
          throw new SlipwayError("ServerUnreachable", "connection refused");
        }
        const list = await inner.list(kind, options);
        this.lists.push(Number(list.resourceVersion));
        return list;
      },
      create: (obj, options) => inner.create(obj, options),
      update: (obj, options) => inner.update(obj, options),
      updateStatus: (obj) => inner.updateStatus(obj),
      patch: (kind, namespace, name, patch, type, options) => inner.patch(kind, namespace, name, patch, type, options),
      delete: (kind, namespace, name, options) => inner.delete(kind, namespace, name, options),
      watch: (kind, options, handler) => this.#watch(inner, kind, options, handler),
    };
  }

  /** Ends every open watch as a dropped connection would. */
  drop(): void {
    for (const watch of [...this.#open.keys()]) watch.stop();
  }

  /** Ends every open watch with an error, as a connection reset would. */
  break(error: Error): void {
    for (const { fail } of [...this.#open.values()]) fail(error);
  }

  failLists(n: number): void {
    this.#failingLists = n;
  }

  /** Delivers a Kubernetes-style ERROR event (a 410 Status) to every open watch. */
  sendError(): void {
    const status = { apiVersion: "v1", kind: "Status", metadata: {}, code: 410, reason: "Expired" };
    for (const { handler } of [...this.#open.values()]) handler({ type: "ERROR", object: status });
  }

  /** Drops every open watch and keeps new ones from starting until release(). */
  hold(): void {
    this.#gate = new Promise((resolve) => (this.#release = resolve));
    this.drop();
  }

  release(): void {
    this.#release?.();
    this.#gate = undefined;
  }

  get openWatches(): number {
    return this.#open.size;
  }

  #watch(inner: Client, kind: string, options: WatchOptions, handler: WatchHandler): Watch {
    this.watchStarts.push(options.resourceVersion);
    let stopped = false;
    let real: Watch | undefined;
    let resolveDone!: () => void;
    let rejectDone!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      resolveDone = resolve;
      rejectDone = reject;
    });
    const watch: Watch = {
      done,
      stop: () => {
        stopped = true;
        real?.stop();
        resolveDone();
      },
    };
    this.#open.set(watch, {
      handler,
      fail: (error) => {
        stopped = true;
        real?.stop();
        rejectDone(error);
      },
    });
    const forget = () => this.#open.delete(watch);
    done.then(forget, forget);
    const gate = this.#gate ?? Promise.resolve();
    void gate.then(() => {
      if (stopped) return;
      real = inner.watch(kind, options, handler);
      real.done.then(resolveDone, rejectDone);
    });
    return watch;
  }
}
