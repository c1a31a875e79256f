/** Decides how long an item waits before its next retry. */
export interface RateLimiter<T> {
  /** The delay for the item's next retry; counts the retry. */
  when(item: T): number;
  /** Forgets the item's failures, so its next retry starts from the base delay again. */
  forget(item: T): void;
  /** Retries counted since the last forget. */
  retries(item: T): number;
}

export interface ExponentialBackoffOptions {
  /** The first delay. Default 5 ms, as client-go's default controller rate limiter. */
  baseMs?: number;
  /** The cap. Default 1000 s. */
  maxMs?: number;
}

/**
 * Per-item exponential back-off: base · 2^retries, capped at max (client-go's
 * ItemExponentialFailureRateLimiter). Pure bookkeeping: it computes delays, it never waits.
 */
export class ItemExponentialBackoff<T> implements RateLimiter<T> {
  readonly #failures = new Map<T, number>();
  readonly #baseMs: number;
  readonly #maxMs: number;

  constructor({ baseMs = 5, maxMs = 1_000_000 }: ExponentialBackoffOptions = {}) {
    this.#baseMs = baseMs;
    this.#maxMs = maxMs;
  }

  when(item: T): number {
    const failures = this.#failures.get(item) ?? 0;
    this.#failures.set(item, failures + 1);
    // Beyond 2^60 the product stops being meaningful; the cap applies long before.
    return Math.min(this.#maxMs, this.#baseMs * 2 ** Math.min(failures, 60));
  }

  forget(item: T): void {
    this.#failures.delete(item);
  }

  retries(item: T): number {
    return this.#failures.get(item) ?? 0;
  }
}
