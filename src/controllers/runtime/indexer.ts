import type { KubeObject } from "../../api/object.js";
import { cacheKey } from "./cache-key.js";

/** Computes the values an object is indexed under (none, one or several). */
export type IndexFunc<T extends KubeObject = KubeObject> = (obj: T) => readonly string[];

/** Read-only view of an informer's cache. Objects are shared with every reader: never mutate them. */
export interface Lister<T extends KubeObject = KubeObject> {
  /** The object stored under a cache key (`namespace/name` or `name`), if any. */
  get(key: string): T | undefined;
  list(): T[];
  keys(): string[];
  /** Objects whose index function returned `value`; throws for an index that was not declared. */
  byIndex(indexName: string, value: string): T[];
  readonly size: number;
}

/** Indexes by the uid of every owner, so a controller finds its children without a scan. */
export const byOwnerUid: IndexFunc = (obj) => (obj.metadata.ownerReferences ?? []).map((ref) => ref.uid);

/** Indexes by the uid of the controlling owner only (the `controller: true` reference). */
export const byControllerUid: IndexFunc = (obj) =>
  (obj.metadata.ownerReferences ?? []).filter((ref) => ref.controller === true).map((ref) => ref.uid);

/** Indexes pods by `spec.nodeName` ("" is not indexed: unscheduled pods have no node). */
export const byNodeName: IndexFunc = (obj) => {
  const spec = obj.spec as { nodeName?: unknown } | undefined;
  return typeof spec?.nodeName === "string" && spec.nodeName ? [spec.nodeName] : [];
};

/** Indexes by namespace (cluster-scoped objects are not indexed). */
export const byNamespace: IndexFunc = (obj) => (obj.metadata.namespace ? [obj.metadata.namespace] : []);

/**
 * A map from cache key to object with secondary indexes kept up to date on every write. Not
 * thread-aware because it needs not be: all access happens on the event loop.
 */
export class Indexer<T extends KubeObject = KubeObject> implements Lister<T> {
  readonly #items = new Map<string, T>();
  readonly #indexFuncs = new Map<string, IndexFunc<T>>();
  /** index name → index value → cache keys */
  readonly #indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Record<string, IndexFunc<T>> = {}) {
    this.addIndexers(indexers);
  }

  /**
   * Declares more indexes; objects already stored are indexed at once. Redeclaring a name with the
   * same function is a no-op, with another function a bug (it throws).
   */
  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      const existing = this.#indexFuncs.get(name);
      if (existing === fn) continue;
      if (existing) throw new Error(`index ${name} is already declared with another function`);
      this.#indexFuncs.set(name, fn);
      this.#indices.set(name, new Map());
    }
    for (const [key, obj] of this.#items) {
      this.#unindex(key, obj);
      this.#index(key, obj);
    }
  }

  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  list(): T[] {
    return [...this.#items.values()];
  }

  keys(): string[] {
    return [...this.#items.keys()];
  }

  get size(): number {
    return this.#items.size;
  }

  byIndex(indexName: string, value: string): T[] {
    const index = this.#indices.get(indexName);
    if (!index) throw new Error(`index ${indexName} is not declared`);
    const keys = index.get(value);
    if (!keys) return [];
    return [...keys].map((key) => this.#items.get(key)).filter((obj): obj is T => obj !== undefined);
  }

  /** Stores obj under its cache key and returns what was stored there before. */
  set(obj: T): T | undefined {
    const key = cacheKey(obj);
    const old = this.#items.get(key);
    if (old) this.#unindex(key, old);
    this.#items.set(key, obj);
    this.#index(key, obj);
    return old;
  }

  /** Removes the object under key and returns it. */
  delete(key: string): T | undefined {
    const old = this.#items.get(key);
    if (!old) return undefined;
    this.#unindex(key, old);
    this.#items.delete(key);
    return old;
  }

  #index(key: string, obj: T): void {
    for (const [name, fn] of this.#indexFuncs) {
      const index = this.#indices.get(name)!;
      for (const value of new Set(fn(obj))) {
        const keys = index.get(value);
        if (keys) keys.add(key);
        else index.set(value, new Set([key]));
      }
    }
  }

  #unindex(key: string, obj: T): void {
    for (const [name, fn] of this.#indexFuncs) {
      const index = this.#indices.get(name)!;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
