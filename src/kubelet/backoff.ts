/**
 * Kubernetes' container restart back-off, per key (pod uid + container name): the first restart
 * is immediate, then each crash waits 10 s, 20 s, 40 s ... capped at 5 min, counted from when the
 * container finished. A container that ends 10 min or more after its last restart starts again
 * from 10 s (client-go's flowcontrol.Backoff, as the kubelet uses it).
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
  readonly #entries = new Map<string, { delayMs: number; updatedMs: number }>();

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
    const entry = this.#entries.get(key);
    if (!entry || sinceMs - entry.updatedMs >= this.#resetAfterMs) return 0;
    return Math.max(0, sinceMs + entry.delayMs - this.#now());
  }

  /** Records a (re)start of `key` now, and returns the delay its next end will have to wait. */
  next(key: string): number {
    const now = this.#now();
    const entry = this.#entries.get(key);
    const delayMs =
      !entry || now - entry.updatedMs >= this.#resetAfterMs
        ? this.#initialMs
        : Math.min(entry.delayMs * 2, this.#maxMs);
    this.#entries.set(key, { delayMs, updatedMs: now });
    return delayMs;
  }

  /** The current delay of `key`, if it has one. */
  delay(key: string): number | undefined {
    return this.#entries.get(key)?.delayMs;
  }

  /** Forgets every key starting with `prefix` (a pod that went away). */
  forget(prefix: string): void {
    for (const key of [...this.#entries.keys()]) if (key.startsWith(prefix)) this.#entries.delete(key);
  }
}
