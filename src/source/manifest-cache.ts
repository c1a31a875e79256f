/**
 * Parsed files by content identity, so an unchanged file is not parsed again: the directory
 * watcher keys by the sha1 of the content, the git source by blob id. Entries hold no file name
 * and no per-run option, so one cache serves renamed or copied files too.
 */
import { createHash } from "node:crypto";
import type { FileParse, ParseLimits } from "./parse-file.js";
import type { ManifestFile } from "./types.js";

export interface ManifestCacheOptions {
  /** Least recently used entries beyond this count are dropped. Default 50,000. */
  maxEntries?: number;
}

/**
 * Not safe to share between parse calls that run concurrently in different workers; within one
 * process parse calls are synchronous, so sharing is fine. Objects built from cached entries share
 * their nested values with the cache: treat parsed objects as immutable (structuredClone first).
 */
export class ManifestCache {
  readonly #entries = new Map<string, FileParse>();
  readonly #maxEntries: number;

  constructor({ maxEntries = 50_000 }: ManifestCacheOptions = {}) {
    this.#maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Returns the cached parse of `file` (`hit`), or computes, stores and returns it. */
  getOrParse(file: ManifestFile, limits: ParseLimits, parse: () => FileParse): { parsed: FileParse; hit: boolean } {
    const identity = file.hash ? `id:${file.hash}` : `sha1:${createHash("sha1").update(file.content).digest("hex")}`;
    const format = file.path.toLowerCase().endsWith(".json") ? "json" : "yaml";
    const key = `${format} ${identity} ${limits.maxObjectBytes} ${limits.maxAliasCount} ${limits.maxExpandedBytes}`;
    const hit = this.#entries.get(key);
    if (hit) {
      // Re-insert to mark as recently used.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return { parsed: hit, hit: true };
    }
    const parsed = parse();
    this.#entries.set(key, parsed);
    if (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    return { parsed, hit: false };
  }
}
