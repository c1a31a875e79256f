/** Five minutes, as Kubernetes' ExpectationsTimeout. */
export const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

export interface ExpectationsOptions {
  /** After this long, unmet expectations count as satisfied (a watch event may have been lost). */
  ttlMs?: number;
  now?: () => number;
}

interface Record {
  adds: number;
  deletes: number;
  setAt: number;
}

/**
 * The ReplicaSet controller's expectations: after creating (or deleting) n children for a key, the
 * controller records that it expects to see n creations (deletions) through its informer, and does
 * not act on that key again until it has, so a cache that lags behind its own writes never makes a
 * controller create twice. Expectations older than the TTL count as satisfied, so a lost event
 * delays a controller by at most the TTL instead of wedging it.
 */
export class Expectations {
  readonly #records = new Map<string, Record>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor({ ttlMs = EXPECTATIONS_TTL_MS, now = Date.now }: ExpectationsOptions = {}) {
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Replaces the key's expectations: n creations to observe (and restarts its TTL). */
  expectCreations(key: string, n: number): void {
    this.#records.set(key, { adds: n, deletes: 0, setAt: this.#now() });
  }

  /** Replaces the key's expectations: n deletions to observe (and restarts its TTL). */
  expectDeletions(key: string, n: number): void {
    this.#records.set(key, { adds: 0, deletes: n, setAt: this.#now() });
  }

  /** One expected creation was seen (or will never happen, e.g. the create call failed). */
  creationObserved(key: string): void {
    const record = this.#records.get(key);
    if (record) record.adds--;
  }

  /** One expected deletion was seen (or will never happen). */
  deletionObserved(key: string): void {
    const record = this.#records.get(key);
    if (record) record.deletes--;
  }

  /**
   * True when the controller may act on the key: no expectations were recorded, all were observed,
   * or they are older than the TTL.
   */
  satisfied(key: string): boolean {
    const record = this.#records.get(key);
    if (!record) return true;
    if (record.adds <= 0 && record.deletes <= 0) return true;
    return this.#now() - record.setAt > this.#ttlMs;
  }

  /** What is still expected for the key, if anything was recorded. */
  pending(key: string): { adds: number; deletes: number } | undefined {
    const record = this.#records.get(key);
    return record && { adds: Math.max(0, record.adds), deletes: Math.max(0, record.deletes) };
  }

  /** Forgets the key, e.g. when its owner is deleted. */
  delete(key: string): void {
    this.#records.delete(key);
  }
}
