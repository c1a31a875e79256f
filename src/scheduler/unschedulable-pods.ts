import type { WorkQueue } from "../controllers/runtime/work-queue.js";

/**
 * Pods that fit nowhere at their last attempt (Kubernetes' unschedulablePods): they wait here, not
 * in the active queue, until something happens that may let them fit; then `retryAll` moves every
 * one of them back to the queue.
 */
export class UnschedulablePods {
  readonly #keys = new Set<string>();
  readonly #queue: WorkQueue<string>;

  constructor(queue: WorkQueue<string>) {
    this.#queue = queue;
  }

  add(key: string): void {
    this.#keys.add(key);
  }

  delete(key: string): void {
    this.#keys.delete(key);
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  get size(): number {
    return this.#keys.size;
  }

  /** Moves every waiting pod to the active queue. */
  retryAll(): void {
    for (const key of this.#keys) this.#queue.add(key);
    this.#keys.clear();
  }
}
