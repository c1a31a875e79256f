/**
 * A key-value backend with etcd's semantics, the only thing a storage engine has to provide.
 * Object semantics (uid, generation, finalizers, validation) live above it in the registry, so an
 * etcd backend is a thin adapter over the etcd client.
 *
 * Contract:
 * - One global revision, starting at 1 for an empty store, incremented by every successful write.
 * - Each key remembers createRevision and modRevision (the revision of its last write).
 * - Conditional writes compare modRevision; a failed comparison changes nothing.
 * - watch(prefix, fromRevision) delivers every event with revision > fromRevision, in revision
 *   order, exactly once; if that history was compacted it fails with SlipwayError code "Gone".
 * - A write resolves only when it is durable.
 */

export interface KeyValue {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
}

export interface KvEvent {
  type: "put" | "delete";
  key: string;
  /** The new value; for a delete, the value that was deleted. */
  value: string;
  /** The value before this event, if the key existed. */
  prevValue?: string;
  /** The revision this event created. */
  revision: number;
  createRevision: number;
}

export interface RangeResult {
  kvs: KeyValue[];
  /** The store's revision when the range was read. */
  revision: number;
}

/** How a conditional write compares: the key's modRevision must equal it (0 = must not exist). */
export interface Precondition {
  modRevision: number;
}

export type WriteResult = { ok: true; revision: number } | { ok: false; current: KeyValue | undefined };

export interface KvWatch {
  /** Resolves when the watch ends: stop(), close() of the backend, or an error such as Gone. */
  readonly done: Promise<void>;
  stop(): void;
}

export interface KvBackend {
  get(key: string): Promise<KeyValue | undefined>;
  /** Every key starting with prefix, in key order. */
  range(prefix: string): Promise<RangeResult>;
  /** Writes value when the precondition holds (or unconditionally without one). */
  put(key: string, value: string, precondition?: Precondition): Promise<WriteResult>;
  delete(key: string, precondition?: Precondition): Promise<WriteResult>;
  watch(prefix: string, fromRevision: number, onEvent: (event: KvEvent) => void): KvWatch;
  currentRevision(): Promise<number>;
  /** Forgets watch history up to and including this revision. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
