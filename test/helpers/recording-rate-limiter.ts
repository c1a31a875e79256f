import { ItemExponentialBackoff, type RateLimiter } from "../../src/controllers/runtime/rate-limiter.js";

/**
 * A RateLimiter that computes client-go's delays (recorded per item for assertions) but lets the
 * retry happen at once, so tests assert back-off without waiting for it.
 */
export class RecordingRateLimiter<T> implements RateLimiter<T> {
  readonly delays = new Map<T, number[]>();
  readonly #inner = new ItemExponentialBackoff<T>();

  when(item: T): number {
    const delay = this.#inner.when(item);
    this.delays.set(item, [...(this.delays.get(item) ?? []), delay]);
    return 0;
  }

  forget(item: T): void {
    this.#inner.forget(item);
  }

  retries(item: T): number {
    return this.#inner.retries(item);
  }
}
