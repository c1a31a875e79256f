import { type Backend, backendId } from "./service-ports.js";

/**
 * Hands out backends in turn, as kube-proxy's userspace round-robin does. Replacing the set keeps
 * the rotation going from where it was for backends that remain, so an endpoint update does not
 * send the next connections all to the first backend.
 */
export class RoundRobin {
  #backends: Backend[] = [];
  #next = 0;

  get size(): number {
    return this.#backends.length;
  }

  get backends(): readonly Backend[] {
    return this.#backends;
  }

  /** Replaces the backend set (an empty set makes next() return undefined). */
  set(backends: readonly Backend[]): void {
    const current = this.#backends[this.#next % Math.max(1, this.#backends.length)];
    this.#backends = [...backends];
    const at = current ? this.#backends.findIndex((b) => backendId(b) === backendId(current)) : -1;
    this.#next = Math.max(at, 0);
  }

  /** The next backend in turn, or undefined when there is none. */
  next(): Backend | undefined {
    if (this.#backends.length === 0) return undefined;
    const backend = this.#backends[this.#next % this.#backends.length];
    this.#next = (this.#next + 1) % this.#backends.length;
    return backend;
  }
}
