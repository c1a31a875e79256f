import type Database from "better-sqlite3";

/**
 * The SQLite layout of the embedded store: `kv` (current keys), `log` (events since the last
 * compaction; revision = the highest rev), `meta` (the compacted revision).
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  create_rev INTEGER NOT NULL,
  mod_rev INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS log (
  rev INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('put', 'delete')),
  value TEXT NOT NULL,
  prev_value TEXT,
  create_rev INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
`;

export interface KvRow {
  key: string;
  value: string;
  create_rev: number;
  mod_rev: number;
}

export interface LogRow {
  rev: number;
  key: string;
  type: "put" | "delete";
  value: string;
  prev_value: string | null;
  create_rev: number;
}

export interface Statements {
  getKv: Database.Statement<[string], KvRow>;
  rangeKv: Database.Statement<[string, string], KvRow>;
  upsertKv: Database.Statement<[string, string, number, number]>;
  deleteKv: Database.Statement<[string]>;
  insertLog: Database.Statement<[number, string, string, string, string | null, number]>;
  logSince: Database.Statement<[number, string, string], LogRow>;
  deleteLogUpTo: Database.Statement<[number]>;
  maxLogRev: Database.Statement<[], number | null>;
  maxKvRev: Database.Statement<[], number | null>;
  getCompacted: Database.Statement<[], number | undefined>;
  setCompacted: Database.Statement<[number]>;
}

export function prepareStatements(db: Database.Database): Statements {
  return {
    getKv: db.prepare("SELECT key, value, create_rev, mod_rev FROM kv WHERE key = ?"),
    rangeKv: db.prepare("SELECT key, value, create_rev, mod_rev FROM kv WHERE key >= ? AND key < ? ORDER BY key"),
    upsertKv: db.prepare(
      "INSERT INTO kv (key, value, create_rev, mod_rev) VALUES (?, ?, ?, ?) " +
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value, mod_rev = excluded.mod_rev",
    ),
    deleteKv: db.prepare("DELETE FROM kv WHERE key = ?"),
    insertLog: db.prepare("INSERT INTO log (rev, key, type, value, prev_value, create_rev) VALUES (?, ?, ?, ?, ?, ?)"),
    logSince: db.prepare(
      "SELECT rev, key, type, value, prev_value, create_rev FROM log WHERE rev > ? AND key >= ? AND key < ? ORDER BY rev",
    ),
    deleteLogUpTo: db.prepare("DELETE FROM log WHERE rev <= ?"),
    maxLogRev: db.prepare("SELECT MAX(rev) FROM log"),
    maxKvRev: db.prepare("SELECT MAX(mod_rev) FROM kv"),
    getCompacted: db.prepare("SELECT value FROM meta WHERE name = 'compacted'"),
    setCompacted: db.prepare(
      "INSERT INTO meta (name, value) VALUES ('compacted', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    ),
  };
}
