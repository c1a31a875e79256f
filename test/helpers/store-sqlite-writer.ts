/**
 * Child process for the restart test: writes `count` keys to the SQLite store at `path`, one at a
 * time, and prints `<key> <revision>` after each write is acknowledged. Run with `node --import tsx`.
 */
import { openSqliteBackend } from "../../src/store/sqlite-backend.js";

const [path, count = "100000"] = process.argv.slice(2);
if (!path) throw new Error("usage: store-sqlite-writer.ts <path> [count]");
const kv = await openSqliteBackend(path);
for (let i = 0; i < Number(count); i++) {
  const key = `/k/${String(i).padStart(6, "0")}`;
  const result = await kv.put(key, `value-${i}`);
  if (!result.ok) throw new Error(`write of ${key} failed`);
  process.stdout.write(`${key} ${result.revision}\n`);
}
await kv.close();
