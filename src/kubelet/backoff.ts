/**
 * Kubernetes' container restart back-off, per key (pod uid + container name): the first restart
 * is immediate, then each crash waits 10 s, 20 s, 40 s ... capped at 5 min, counted from when the
 * container finished. A container that ran for 10 min before it ended starts again from 10 s.
 * The same shape (with its own bounds) paces image pulls after ErrImagePull. Pure apart from the
 * injected clock.
 */

export interface BackOffOptions {
  initialMs?: number;
  maxMs?: number;
  /** A run at least this long forgets the back-off. */
  resetAfterMs?: number;
  now?: () => number;
}

export const RESTART_BACKOFF = { initialMs: 10_000, maxMs: 300_000, resetAfterMs: 600_000 } as const;

export class BackOff {
  readonly #initialMs: number;
  readonly #maxMs: number;
  readonly #resetAfterMs: number;
  readonly #now: () => number;
  readonly #delays = new Map<string, number>();

  constructor({
    initialMs = RESTART_BACKOFF.initialMs,
    maxMs = RESTART_BACKOFF.maxMs,
    resetAfterMs = RESTART_BACKOFF.resetAfterMs,
    now = Date.now,
  }: BackOffOptions = {}) {
    this.#initialMs = initialMs;
    this.#maxMs = maxMs;
    this.#resetAfterMs = resetAfterMs;
    this.#now = now;
  }

  /** Milliseconds still to wait before `key` may start again after an end at `sinceMs`; 0 when it may now. */
  remaining(key: string, sinceMs: number): number {
    const delay = this.#delays.get(key);
    if (delay === undefined) return 0;
    return Math.max(0, sinceMs + delay - this.#now());
  }

  /**
   * Records a (re)start of `key` whose previous run lasted `ranForMs`, and returns the delay the
   * next end will have to wait.
   */
  next(key: string, ranForMs = 0): number {
    const previous = this.#delays.get(key);
    const delay =
      previous === undefined || ranForMs >= this.#resetAfterMs ? this.#initialMs : Math.min(previous * 2, this.#maxMs);
    this.#delays.set(key, delay);
    return delay;
  }

  /** The current delay of `key`, if it has one. */
  delay(key: string): number | undefined {
    return this.#delays.get(key);
  }

  /** Forgets every key starting with `prefix` (a pod that went away). */
  forget(prefix: string): void {
    for (const key of [...this.#delays.keys()]) if (key.startsWith(prefix)) this.#delays.delete(key);
  }
}
