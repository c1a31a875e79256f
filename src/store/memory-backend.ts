import { SlipwayError } from "../api/errors.js";
import type { KeyValue, KvBackend, KvEvent, KvWatch, Precondition, RangeResult, WriteResult } from "./backend.js";
import { goneError } from "./gone.js";
import { WatchHub } from "./watch-hub.js";

export interface MemoryBackendOptions {
  /** Watch history kept; older events are compacted (watching from before them fails with Gone). */
  maxEvents?: number;
}

/**
 * A KvBackend held in memory: the reference implementation of the contract, used by fast tests and
 * by anything that needs a throwaway store. Nothing survives the process.
 */
export class MemoryBackend implements KvBackend {
  readonly #data = new Map<string, KeyValue>();
  readonly #history: KvEvent[] = [];
  readonly #hub = new WatchHub();
  readonly #maxEvents: number;
  #revision = 1;
  #compacted = 0;
  #closed = false;

  constructor({ maxEvents = 10_000 }: MemoryBackendOptions = {}) {
    this.#maxEvents = maxEvents;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.#checkOpen();
    const kv = this.#data.get(key);
    return kv && { ...kv };
  }

  async range(prefix: string): Promise<RangeResult> {
    this.#checkOpen();
    const kvs: KeyValue[] = [];
    for (const kv of this.#data.values()) if (kv.key.startsWith(prefix)) kvs.push({ ...kv });
    kvs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { kvs, revision: this.#revision };
  }

  async put(key: string, value: string, precondition?: Precondition): Promise<WriteResult> {
    this.#checkOpen();
    const current = this.#data.get(key);
    if (!holds(current, precondition)) return { ok: false, current: current && { ...current } };
    const revision = ++this.#revision;
    const createRevision = current?.createRevision ?? revision;
    this.#data.set(key, { key, value, createRevision, modRevision: revision });
    const event: KvEvent = { type: "put", key, value, revision, createRevision };
    if (current) event.prevValue = current.value;
    this.#record(event);
    return { ok: true, revision };
  }

  async delete(key: string, precondition?: Precondition): Promise<WriteResult> {
    this.#checkOpen();
    const current = this.#data.get(key);
    if (!current || !holds(current, precondition)) return { ok: false, current: current && { ...current } };
    const revision = ++this.#revision;
    this.#data.delete(key);
    this.#record({
      type: "delete",
      key,
      value: current.value,
      prevValue: current.value,
      revision,
      createRevision: current.createRevision,
    });
    return { ok: true, revision };
  }

  watch(prefix: string, fromRevision: number, onEvent: (event: KvEvent) => void): KvWatch {
    if (this.#closed) return this.#hub.failed(new Error("backend is closed"));
    if (fromRevision < this.#compacted) return this.#hub.failed(goneError(fromRevision, this.#compacted));
    const backlog = this.#history.filter((e) => e.revision > fromRevision && e.key.startsWith(prefix));
    return this.#hub.subscribe(prefix, fromRevision, backlog, onEvent);
  }

  async currentRevision(): Promise<number> {
    this.#checkOpen();
    return this.#revision;
  }

  async compact(revision: number): Promise<void> {
    this.#checkOpen();
    if (revision <= this.#compacted) return;
    if (revision > this.#revision) {
      throw new SlipwayError("BadRequest", `required revision ${revision} is a future revision`);
    }
    this.#compacted = revision;
    let drop = 0;
    while (drop < this.#history.length && this.#history[drop]!.revision <= revision) drop++;
    this.#history.splice(0, drop);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#hub.closeAll();
  }

  #record(event: KvEvent): void {
    this.#history.push(event);
    // Compact in chunks so a steady write load does not shift the array on every write.
    if (this.#history.length >= this.#maxEvents + Math.max(1, this.#maxEvents >> 3)) {
      const drop = this.#history.length - this.#maxEvents;
      this.#compacted = this.#history[drop - 1]!.revision;
      this.#history.splice(0, drop);
    }
    this.#hub.publish([event]);
  }

  #checkOpen(): void {
    if (this.#closed) throw new Error("backend is closed");
  }
}

function holds(current: KeyValue | undefined, precondition: Precondition | undefined): boolean {
  if (!precondition) return true;
  return (current?.modRevision ?? 0) === precondition.modRevision;
}
