/**
 * Collects what a watch delivers and lets a test wait until a condition holds on what arrived,
 * without sleeping: the wait resolves on the delivering event (the test timeout is the only clock).
 */
export class EventRecorder<T> {
  readonly events: T[] = [];
  readonly #waiters: { check: (events: T[]) => boolean; resolve: () => void }[] = [];

  readonly push = (event: T): void => {
    this.events.push(event);
    for (const waiter of [...this.#waiters]) {
      if (waiter.check(this.events)) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  /** Resolves once `check` is true for the events received so far. */
  until(check: (events: T[]) => boolean): Promise<T[]> {
    if (check(this.events)) return Promise.resolve(this.events);
    return new Promise((resolve) => this.#waiters.push({ check, resolve: () => resolve(this.events) }));
  }

  /** Resolves once at least n events arrived. */
  count(n: number): Promise<T[]> {
    return this.until((events) => events.length >= n);
  }
}

/** Lets every queued microtask and pending I/O callback run, so "nothing more arrived" can be asserted. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
