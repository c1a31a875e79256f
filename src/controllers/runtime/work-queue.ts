import { ItemExponentialBackoff, type RateLimiter } from "./rate-limiter.js";

export interface WorkQueueOptions<T> {
  /** Delays for addRateLimited. Default: 5 ms doubling per failure to 1000 s. */
  rateLimiter?: RateLimiter<T>;
  /** The clock for delayed adds. */
  now?: () => number;
}

/**
 * client-go's rate-limited, delaying work queue for one event loop.
 *
 * Guarantees:
 * - Fair: items are handed out in the order they became ready.
 * - Stingy: an item added several times before a worker takes it is handed out once; an item is
 *   never handed to two workers at once. If it is added while being processed, it is handed out
 *   again once `done()` is called for it.
 * - `get()` resolves with `undefined` only after `shutDown()`, once nothing is left to hand out, so
 *   workers drain what was queued. Adds after shutDown are ignored; pending delayed adds are dropped.
 * - Timers never keep the process alive (they are unref'd).
 */
export class WorkQueue<T = string> {
  readonly #queue: T[] = [];
  /** Items that need processing: waiting in #queue, or re-added while processing. */
  readonly #dirty = new Set<T>();
  readonly #processing = new Set<T>();
  readonly #waiters: ((item: T | undefined) => void)[] = [];
  /** Delayed adds: the earliest time each item becomes ready, and its timer. */
  readonly #delayed = new Map<T, { readyAt: number; timer: NodeJS.Timeout }>();
  readonly #drainedWaiters: (() => void)[] = [];
  readonly #limiter: RateLimiter<T>;
  readonly #now: () => number;
  #shuttingDown = false;

  constructor({ rateLimiter = new ItemExponentialBackoff<T>(), now = Date.now }: WorkQueueOptions<T> = {}) {
    this.#limiter = rateLimiter;
    this.#now = now;
  }

  /** Marks the item as needing processing (a no-op if it already waits). */
  add(item: T): void {
    if (this.#shuttingDown || this.#dirty.has(item)) return;
    this.#dirty.add(item);
    if (this.#processing.has(item)) return;
    this.#queue.push(item);
    this.#handOut();
  }

  /** Adds the item after `delayMs`; of several pending delays for one item the earliest wins. */
  addAfter(item: T, delayMs: number): void {
    if (this.#shuttingDown) return;
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    const readyAt = this.#now() + delayMs;
    const pending = this.#delayed.get(item);
    if (pending && pending.readyAt <= readyAt) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.#delayed.delete(item);
      this.add(item);
    }, delayMs);
    timer.unref();
    this.#delayed.set(item, { readyAt, timer });
  }

  /** Adds the item after its rate limiter's next back-off delay (and returns that delay). */
  addRateLimited(item: T): number {
    const delay = this.#limiter.when(item);
    this.addAfter(item, delay);
    return delay;
  }

  /** Resets the item's back-off: call it when the item was processed successfully. */
  forget(item: T): void {
    this.#limiter.forget(item);
  }

  /** How many times the item was re-queued with back-off since it was last forgotten. */
  numRequeues(item: T): number {
    return this.#limiter.retries(item);
  }

  /**
   * The next item to process, waiting until one is ready. The caller owns the item until it calls
   * `done(item)`. Resolves with `undefined` once the queue is shut down and drained.
   */
  get(): Promise<T | undefined> {
    const item = this.#take();
    if (item !== undefined || this.#finished()) return Promise.resolve(item);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Ends processing of the item; if it was re-added meanwhile it is queued again now. */
  done(item: T): void {
    this.#processing.delete(item);
    if (this.#dirty.has(item)) {
      this.#queue.push(item);
      this.#handOut();
    }
    this.#checkFinished();
  }

  /**
   * Stops accepting items; workers still receive what is queued (and what was re-added while
   * processing), then `get()` resolves with undefined. The promise resolves once every handed-out
   * item is done.
   */
  shutDown(): Promise<void> {
    this.#shuttingDown = true;
    for (const { timer } of this.#delayed.values()) clearTimeout(timer);
    this.#delayed.clear();
    const drained = new Promise<void>((resolve) => this.#drainedWaiters.push(resolve));
    this.#checkFinished();
    return drained;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Items ready and waiting for a worker (not those being processed or delayed). */
  get length(): number {
    return this.#queue.length;
  }

  #take(): T | undefined {
    const item = this.#queue.shift();
    if (item === undefined) return undefined;
    this.#dirty.delete(item);
    this.#processing.add(item);
    return item;
  }

  #handOut(): void {
    while (this.#waiters.length > 0 && this.#queue.length > 0) {
      const waiter = this.#waiters.shift()!;
      waiter(this.#take());
    }
  }

  /** Nothing left to hand out, now or later. */
  #finished(): boolean {
    if (!this.#shuttingDown || this.#queue.length > 0) return false;
    for (const item of this.#processing) if (this.#dirty.has(item)) return false;
    return true;
  }

  #checkFinished(): void {
    if (!this.#finished()) return;
    for (const waiter of this.#waiters.splice(0)) waiter(undefined);
    if (this.#processing.size === 0) for (const resolve of this.#drainedWaiters.splice(0)) resolve();
  }
}
