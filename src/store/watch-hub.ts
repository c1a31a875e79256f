import type { KvEvent, KvWatch } from "./backend.js";

/**
 * In-process fan-out of committed KV events to watchers, shared by the backends.
 *
 * Contract: a subscriber receives its backlog, then every published event whose key starts with its
 * prefix and whose revision is above the last one it received, in order, exactly once. Delivery is
 * asynchronous (a microtask after publish), so a handler never runs inside a write and may write
 * itself. A handler that throws ends its watch with that error.
 */
export class WatchHub {
  readonly #subscribers = new Set<Subscriber>();

  /**
   * Starts a watch of events above `fromRevision` that first delivers `backlog` (filtered and
   * ordered by the caller).
   */
  subscribe(prefix: string, fromRevision: number, backlog: KvEvent[], onEvent: (event: KvEvent) => void): KvWatch {
    const sub = new Subscriber(prefix, fromRevision, onEvent, (s) => this.#subscribers.delete(s));
    this.#subscribers.add(sub);
    sub.enqueue(backlog);
    return sub;
  }

  /** A watch that has already failed, e.g. with Gone: its done rejects. */
  failed(error: Error): KvWatch {
    const done = Promise.reject(error);
    return { done, stop: () => {} };
  }

  /** Hands committed events (in revision order) to every matching subscriber. */
  publish(events: readonly KvEvent[]): void {
    for (const sub of this.#subscribers) sub.enqueue(events);
  }

  /** Ends every watch (their done resolves). */
  closeAll(): void {
    for (const sub of [...this.#subscribers]) sub.stop();
  }

  get size(): number {
    return this.#subscribers.size;
  }
}

class Subscriber implements KvWatch {
  readonly done: Promise<void>;
  readonly #prefix: string;
  readonly #onEvent: (event: KvEvent) => void;
  readonly #onEnd: (sub: Subscriber) => void;
  readonly #queue: KvEvent[] = [];
  #lastRevision: number;
  #scheduled = false;
  #ended = false;
  #resolve!: () => void;
  #reject!: (error: unknown) => void;

  constructor(
    prefix: string,
    fromRevision: number,
    onEvent: (event: KvEvent) => void,
    onEnd: (sub: Subscriber) => void,
  ) {
    this.#prefix = prefix;
    this.#lastRevision = fromRevision;
    this.#onEvent = onEvent;
    this.#onEnd = onEnd;
    this.done = new Promise<void>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  enqueue(events: readonly KvEvent[]): void {
    if (this.#ended) return;
    for (const event of events) {
      // The revision guard makes a backlog that overlaps live events harmless.
      if (event.revision <= this.#lastRevision || !event.key.startsWith(this.#prefix)) continue;
      this.#lastRevision = event.revision;
      this.#queue.push(event);
    }
    if (this.#queue.length > 0 && !this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.#drain());
    }
  }

  #drain(): void {
    this.#scheduled = false;
    let event = this.#queue.shift();
    while (event && !this.#ended) {
      try {
        this.#onEvent(event);
      } catch (error) {
        this.#end(error);
        return;
      }
      event = this.#queue.shift();
    }
  }

  stop(): void {
    this.#end(undefined);
  }

  #end(error: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#queue.length = 0;
    this.#onEnd(this);
    if (error === undefined) this.#resolve();
    else this.#reject(error);
  }
}
