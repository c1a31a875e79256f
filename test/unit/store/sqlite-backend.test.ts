import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { KvBackend } from "../../../src/store/backend.js";
import { createRegistry } from "../../../src/store/registry.js";
import { openSqliteBackend } from "../../../src/store/sqlite-backend.js";
import { settle } from "../../helpers/store-events.js";
import { newConfigMap, rejection } from "../../helpers/store-objects.js";
import { TempDirs } from "../../helpers/store-temp.js";
import { describeKvContract } from "./kv-contract.js";
import { describeRegistryContract } from "./registry-contract.js";
import { describeRegistryWatchContract } from "./registry-watch-contract.js";

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const factory = async (): Promise<KvBackend> => openSqliteBackend(join(await temp.make(), "state.db"));

describeKvContract("SqliteBackend", factory);
describeRegistryContract("SqliteBackend", factory);
describeRegistryWatchContract("SqliteBackend", factory);

describe("SqliteBackend file", () => {
  const open: KvBackend[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((kv) => kv.close()));
  });

  it("keeps keys, revisions and watch history across a reopen", async () => {
    const path = join(await temp.make(), "state.db");
    const first = await openSqliteBackend(path);
    await first.put("/a", "1");
    await first.put("/b", "1");
    await first.delete("/b");
    await first.close();
    const second = await openSqliteBackend(path);
    open.push(second);
    expect(await second.currentRevision()).toBe(4);
    expect(await second.get("/a")).toEqual({ key: "/a", value: "1", createRevision: 2, modRevision: 2 });
    expect((await second.put("/c", "1")).ok).toBe(true);
    const events: number[] = [];
    const watch = second.watch("/", 1, (e) => events.push(e.revision));
    await settle();
    expect(events).toEqual([2, 3, 4, 5]);
    watch.stop();
  });

  it("keeps the revision when every event was compacted before a reopen", async () => {
    const path = join(await temp.make(), "state.db");
    const first = await openSqliteBackend(path);
    await first.put("/a", "1");
    await first.delete("/a");
    await first.compact(3);
    await first.close();
    const second = await openSqliteBackend(path);
    open.push(second);
    expect(await second.currentRevision()).toBe(3);
    expect((await rejection(second.watch("/", 2, () => {}).done)).code).toBe("Gone");
  });

  it("compacts its event log past maxEvents without losing current keys", async () => {
    const kv = await openSqliteBackend(join(await temp.make(), "state.db"), { maxEvents: 20 });
    open.push(kv);
    for (let i = 0; i < 100; i++) await kv.put(`/k/${i % 7}`, String(i));
    expect((await rejection(kv.watch("/", 1, () => {}).done)).code).toBe("Gone");
    expect((await kv.range("/k/")).kvs).toHaveLength(7);
    const recent = kv.watch("/", (await kv.currentRevision()) - 20, () => {});
    recent.stop();
    await expect(recent.done).resolves.toBeUndefined();
  });

  it("writes a batch in one transaction with consecutive revisions", async () => {
    const kv = await openSqliteBackend(join(await temp.make(), "state.db"));
    open.push(kv);
    const revisions = await kv.putMany([
      { key: "/a", value: "1" },
      { key: "/b", value: "2" },
      { key: "/a", value: "3" },
    ]);
    expect(revisions).toEqual([2, 3, 4]);
    expect(await kv.get("/a")).toEqual({ key: "/a", value: "3", createRevision: 2, modRevision: 4 });
  });

  it("commits concurrent writes together, and a failing one rolls back alone", async () => {
    const kv = await openSqliteBackend(join(await temp.make(), "state.db"));
    open.push(kv);
    const good = Array.from({ length: 20 }, (_, i) => kv.put(`/g/${i}`, String(i)));
    // A NOT NULL violation inside the shared transaction.
    const bad = kv.put("/bad", null as unknown as string);
    const more = kv.put("/g/last", "x");
    const results = await Promise.all([...good, more]);
    await expect(bad).rejects.toThrow(/NOT NULL/);
    expect(results.map((r) => (r.ok ? r.revision : 0))).toEqual(Array.from({ length: 21 }, (_, i) => i + 2));
    expect(await kv.get("/bad")).toBeUndefined();
    expect(await kv.currentRevision()).toBe(22);
  });

  it("commits writes still queued when it closes", async () => {
    const path = join(await temp.make(), "state.db");
    const kv = await openSqliteBackend(path);
    const write = kv.put("/a", "1");
    await kv.close();
    expect(await write).toEqual({ ok: true, revision: 2 });
    const reopened = await openSqliteBackend(path);
    open.push(reopened);
    expect((await reopened.get("/a"))?.value).toBe("1");
  });

  it("refuses a second handle on a file that is in use, and opens it once the first is closed", async () => {
    const path = join(await temp.make(), "nested", "state.db");
    const first = await openSqliteBackend(path);
    await first.put("/a", "1");
    const error = await rejection(openSqliteBackend(path));
    expect(error.code).toBe("Usage");
    expect(error.message).toContain("in use by another process");
    await first.close();
    const second = await openSqliteBackend(path);
    open.push(second);
    expect((await second.get("/a"))?.value).toBe("1");
  });

  it("serves a registry that finds its objects again after a reopen", async () => {
    const path = join(await temp.make(), "state.db");
    const registry = createRegistry(await openSqliteBackend(path));
    const created = await registry.create(newConfigMap("c"));
    await registry.close();
    const again = createRegistry(await openSqliteBackend(path));
    expect(await again.get("ConfigMap", "default", "c")).toEqual(created);
    await again.close();
  });
});
