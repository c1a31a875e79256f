import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteBackend } from "../../../src/store/index.js";
import { collector, newPod, type StoreServer, startStoreServer } from "./harness.js";

describe("the API server over the SQLite store", () => {
  let dir: string;
  let t: StoreServer | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "slipway-apiserver-sqlite-"));
  });
  afterEach(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async () => startStoreServer({ backend: await openSqliteBackend(join(dir, "store.db")) });

  it("serves after a restart what it acknowledged before, and a watch resumes across the restart", async () => {
    t = await start();
    const rv = (await t.http.list("Pod")).resourceVersion;
    const first = collector();
    const watch = t.http.watch("Pod", { resourceVersion: rv }, first.handler);
    await t.http.create(newPod("a"));
    await first.waitFor(1);
    watch.stop();
    await t.close();

    // A new process on the same file, on a new port: nothing acknowledged is lost.
    t = await start();
    await t.http.create(newPod("b"));
    expect((await t.http.list("Pod")).items.map((p) => p.metadata.name)).toEqual(["a", "b"]);

    const last = first.events.at(-1)?.object.metadata.resourceVersion ?? "";
    const second = collector();
    const resumed = t.http.watch("Pod", { resourceVersion: last }, second.handler);
    await second.waitFor(1);
    expect(second.events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED b"]);
    resumed.stop();
  });

  it("ends a watch from a compacted version with Gone", async () => {
    t = await start();
    const rv = (await t.http.list("Pod")).resourceVersion;
    await t.http.create(newPod("a"));
    await t.backend.compact(await t.backend.currentRevision());
    await expect(t.http.watch("Pod", { resourceVersion: rv }, () => {}).done).rejects.toMatchObject({ code: "Gone" });
  });
});
