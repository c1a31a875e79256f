/**
 * A Client whose every call fails with one given error: lets API server tests check how an error
 * from the store travels over HTTP without needing a store that produces it.
 */
import type { Client, Watch } from "../../src/api/client.js";

export function failingClient(error: unknown): Client {
  const fail = () => Promise.reject(error);
  return {
    get: fail,
    list: fail,
    create: fail,
    update: fail,
    updateStatus: fail,
    patch: fail,
    delete: fail,
    watch(): Watch {
      return { done: Promise.reject(error), stop() {} };
    },
  };
}
