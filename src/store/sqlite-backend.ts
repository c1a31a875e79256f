import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { SlipwayError } from "../api/errors.js";
import type { KeyValue, KvBackend, KvEvent, KvWatch, Precondition, RangeResult, WriteResult } from "./backend.js";
import { goneError } from "./gone.js";
import { type KvRow, type LogRow, prepareStatements, SCHEMA, type Statements } from "./sqlite-schema.js";
import { WatchHub } from "./watch-hub.js";

export interface SqliteBackendOptions {
  /** Watch history kept in the event log; older events are compacted as writes arrive. */
  maxEvents?: number;
}

/** One write of a bulk put. */
export interface PutEntry {
  key: string;
  value: string;
}

/**
 * Opens (creating if needed) the embedded store in one SQLite file. WAL with synchronous=FULL: a
 * write resolves only after its commit is on disk. One handle owns the file (an exclusive lock held
 * until close; a second open fails with a Usage error), so watches see every write. The parent
 * directory is created when missing.
 */
export async function openSqliteBackend(path: string, options: SqliteBackendOptions = {}): Promise<SqliteBackend> {
  await mkdir(dirname(path), { recursive: true });
  return new SqliteBackend(path, options);
}

/**
 * The KvBackend on SQLite: table `kv` holds current keys, table `log` every event since the last
 * compaction (for watch catch-up). Writes are synchronous transactions with prepared statements,
 * so a watch that replays the log and then subscribes cannot miss or repeat an event.
 */
export class SqliteBackend implements KvBackend {
  readonly #db: Database.Database;
  readonly #sql: Statements;
  readonly #hub = new WatchHub();
  readonly #maxEvents: number;
  readonly #writeOne: (key: string, value: string, precondition?: Precondition) => WriteResult;
  readonly #deleteOne: (key: string, precondition?: Precondition) => WriteResult;
  readonly #writeMany: (entries: readonly PutEntry[]) => number[];
  #revision: number;
  #compacted: number;
  #pending: KvEvent[] = [];
  readonly #queue: QueuedWrite[] = [];
  readonly #runBatch: (body: () => void) => void;
  #closed = false;

  constructor(path: string, { maxEvents = 10_000 }: SqliteBackendOptions = {}) {
    this.#maxEvents = maxEvents;
    this.#db = new Database(path, { timeout: 0 });
    try {
      this.#db.pragma("journal_mode = WAL");
      this.#db.pragma("synchronous = FULL");
      // Held until close: a second process (or handle) on the same file fails here instead of
      // writing revisions this one does not know about.
      this.#db.pragma("locking_mode = EXCLUSIVE");
      this.#db.exec("BEGIN IMMEDIATE; COMMIT");
    } catch (error) {
      this.#db.close();
      if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
      throw new SlipwayError("Usage", `the state store ${path} is in use by another process`, {
        hint: "stop the other `slipway up` using this state directory, or choose another --state",
        cause: error,
      });
    }
    this.#db.exec(SCHEMA);
    this.#sql = prepareStatements(this.#db);
    this.#compacted = this.#sql.getCompacted.pluck().get() ?? 0;
    const lastEvent = this.#sql.maxLogRev.pluck().get() ?? 0;
    const lastKey = this.#sql.maxKvRev.pluck().get() ?? 0;
    this.#revision = Math.max(1, this.#compacted, lastEvent, lastKey);
    this.#writeOne = this.#db.transaction((key: string, value: string, precondition?: Precondition) =>
      this.#put(key, value, precondition),
    );
    this.#deleteOne = this.#db.transaction((key: string, precondition?: Precondition) =>
      this.#delete(key, precondition),
    );
    this.#runBatch = this.#db.transaction((body: () => void) => body());
    this.#writeMany = this.#db.transaction((entries: readonly PutEntry[]) =>
      entries.map((e) => (this.#put(e.key, e.value, undefined) as { revision: number }).revision),
    );
  }

  async get(key: string): Promise<KeyValue | undefined> {
    this.#checkOpen();
    return toKeyValue(this.#sql.getKv.get(key));
  }

  async range(prefix: string): Promise<RangeResult> {
    this.#checkOpen();
    const rows = this.#sql.rangeKv.all(prefix, prefixEnd(prefix));
    return { kvs: rows.map((row) => toKeyValue(row)!), revision: this.#revision };
  }

  async put(key: string, value: string, precondition?: Precondition): Promise<WriteResult> {
    this.#checkOpen();
    return this.#enqueue(() => this.#writeOne(key, value, precondition));
  }

  async delete(key: string, precondition?: Precondition): Promise<WriteResult> {
    this.#checkOpen();
    return this.#enqueue(() => this.#deleteOne(key, precondition));
  }

  /** Unconditional puts in one transaction (one fsync); resolves with each entry's revision. */
  async putMany(entries: readonly PutEntry[]): Promise<number[]> {
    this.#checkOpen();
    return this.#enqueue(() => this.#writeMany(entries));
  }

  watch(prefix: string, fromRevision: number, onEvent: (event: KvEvent) => void): KvWatch {
    if (this.#closed) return this.#hub.failed(new Error("backend is closed"));
    if (fromRevision < this.#compacted) return this.#hub.failed(goneError(fromRevision, this.#compacted));
    // Reading the log and subscribing happen in one synchronous step: no write can fall between.
    const backlog = this.#sql.logSince.all(fromRevision, prefix, prefixEnd(prefix)).map(toEvent);
    return this.#hub.subscribe(prefix, fromRevision, backlog, onEvent);
  }

  async currentRevision(): Promise<number> {
    this.#checkOpen();
    return this.#revision;
  }

  async compact(revision: number): Promise<void> {
    this.#checkOpen();
    if (revision > this.#revision) {
      throw new SlipwayError("BadRequest", `required revision ${revision} is a future revision`);
    }
    this.#compactTo(revision);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // Writes already issued are committed, not dropped.
    if (this.#queue.length > 0) this.#flush();
    this.#closed = true;
    this.#hub.closeAll();
    this.#db.close();
  }

  /**
   * Group commit: writes issued in the same turn of the event loop run, in arrival order, in one
   * transaction with one fsync, each in its own savepoint (a failing write rolls back alone).
   * Every write still resolves only after the commit that holds it; concurrent writers (the
   * registry under parallel callers) share the cost of durability instead of queueing on it.
   */
  #enqueue<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (this.#queue.length === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const batch = this.#queue.splice(0);
    if (this.#closed) {
      for (const item of batch) item.reject(new Error("backend is closed"));
      return;
    }
    const start = this.#revision;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.#runBatch(() => {
        for (const item of batch) {
          const revision = this.#revision;
          const pending = this.#pending.length;
          try {
            outcomes.push({ ok: true, value: item.write() });
          } catch (error) {
            // Its savepoint was rolled back; forget what it had counted.
            this.#revision = revision;
            this.#pending.length = pending;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing of the batch is durable.
      this.#revision = start;
      this.#pending = [];
      for (const item of batch) item.reject(error);
      return;
    }
    const events = this.#pending;
    this.#pending = [];
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
    if (events.length > 0) {
      this.#hub.publish(events);
      if (this.#revision - this.#compacted >= this.#maxEvents + Math.max(1, this.#maxEvents >> 3)) {
        this.#compactTo(this.#revision - this.#maxEvents);
      }
    }
  }

  #put(key: string, value: string, precondition: Precondition | undefined): WriteResult {
    const current = toKeyValue(this.#sql.getKv.get(key));
    if (precondition && (current?.modRevision ?? 0) !== precondition.modRevision) return { ok: false, current };
    const revision = this.#revision + 1;
    const createRevision = current?.createRevision ?? revision;
    this.#sql.upsertKv.run(key, value, createRevision, revision);
    this.#sql.insertLog.run(revision, key, "put", value, current?.value ?? null, createRevision);
    this.#revision = revision;
    const event: KvEvent = { type: "put", key, value, revision, createRevision };
    if (current) event.prevValue = current.value;
    this.#pending.push(event);
    return { ok: true, revision };
  }

  #delete(key: string, precondition: Precondition | undefined): WriteResult {
    const current = toKeyValue(this.#sql.getKv.get(key));
    if (!current || (precondition && current.modRevision !== precondition.modRevision)) return { ok: false, current };
    const revision = this.#revision + 1;
    this.#sql.deleteKv.run(key);
    this.#sql.insertLog.run(revision, key, "delete", current.value, current.value, current.createRevision);
    this.#revision = revision;
    this.#pending.push({
      type: "delete",
      key,
      value: current.value,
      prevValue: current.value,
      revision,
      createRevision: current.createRevision,
    });
    return { ok: true, revision };
  }

  #compactTo(revision: number): void {
    if (revision <= this.#compacted) return;
    this.#db.transaction(() => {
      this.#sql.deleteLogUpTo.run(revision);
      this.#sql.setCompacted.run(revision);
    })();
    this.#compacted = revision;
  }

  #checkOpen(): void {
    if (this.#closed) throw new Error("backend is closed");
  }
}

interface QueuedWrite {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function toKeyValue(row: KvRow | undefined): KeyValue | undefined {
  return row && { key: row.key, value: row.value, createRevision: row.create_rev, modRevision: row.mod_rev };
}

function toEvent(row: LogRow): KvEvent {
  const event: KvEvent = {
    type: row.type,
    key: row.key,
    value: row.value,
    revision: row.rev,
    createRevision: row.create_rev,
  };
  if (row.prev_value !== null) event.prevValue = row.prev_value;
  return event;
}

/** The smallest string above every string starting with prefix (keys are ASCII paths). */
function prefixEnd(prefix: string): string {
  if (prefix === "") return "\u{10ffff}";
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
