import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { createInformer, type Informer, type InformerOptions } from "../../../../src/controllers/runtime/informer.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { DroppableClient } from "../../../helpers/droppable-client.js";
import { settle } from "../../../helpers/store-events.js";
import { newConfigMap } from "../../../helpers/store-objects.js";
import { waitFor } from "../../../helpers/wait-for.js";

/** One line per delivered change: `add a v1`, `update a v1->v2`, `delete b v1 (tombstone)`. */
function recordInto(lines: string[]) {
  const value = (obj: KubeObject) => (obj.data as Record<string, string> | undefined)?.k ?? "";
  return {
    onAdd: (obj: KubeObject) => lines.push(`add ${obj.metadata.name} ${value(obj)}`),
    onUpdate: (old: KubeObject, obj: KubeObject) =>
      lines.push(`${old === obj ? "resync" : "update"} ${obj.metadata.name} ${value(old)}->${value(obj)}`),
    onDelete: (obj: KubeObject, { finalStateUnknown }: { finalStateUnknown: boolean }) =>
      lines.push(`delete ${obj.metadata.name} ${value(obj)}${finalStateUnknown ? " (tombstone)" : ""}`),
  };
}

describe("informer over the registry", () => {
  let backend: MemoryBackend;
  let registry: Registry;
  let dropper: DroppableClient;
  let informer: Informer | undefined;
  const logged: string[] = [];
  const lines: string[] = [];

  function start(options: InformerOptions = {}): Informer {
    informer = createInformer(dropper.client, "ConfigMap", {
      namespace: "default",
      log: (l) => logged.push(l),
      ...options,
    });
    informer.addEventHandler(recordInto(lines));
    informer.start();
    return informer;
  }

  async function put(name: string, k: string): Promise<void> {
    try {
      const live = await registry.get("ConfigMap", "default", name);
      await registry.update({ ...live, data: { k } });
    } catch {
      await registry.create(newConfigMap(name, { k }));
    }
  }

  beforeEach(() => {
    backend = new MemoryBackend();
    registry = createRegistry(backend);
    dropper = new DroppableClient(registry);
    lines.length = 0;
    logged.length = 0;
  });

  afterEach(async () => {
    informer?.stop();
    informer = undefined;
    await registry.close();
  });

  it("delivers what exists as adds, then creates, updates and deletes in order", async () => {
    await put("a", "1");
    const inf = start();
    expect(await inf.waitForSync()).toBe(true);
    expect(inf.hasSynced()).toBe(true);
    await put("b", "1");
    await put("a", "2");
    await registry.delete("ConfigMap", "default", "b");
    await waitFor(() => lines.length === 4, "four changes");
    expect(lines).toEqual(["add a 1", "add b 1", "update a 1->2", "delete b 1"]);
    expect(inf.cache.keys()).toEqual(["default/a"]);
    expect(inf.cache.get("default/a")?.data).toEqual({ k: "2" });
    expect(logged).toEqual([]);
  });

  it("resumes from the last seen version after the watch is dropped, with no duplicate and no miss", async () => {
    const inf = start();
    await inf.waitForSync();
    await put("a", "1");
    await waitFor(() => lines.length === 1, "the add");
    const seen = inf.resourceVersion;
    dropper.hold();
    await put("b", "1");
    await put("a", "2");
    dropper.release();
    await waitFor(() => lines.length >= 3, "the changes made while disconnected");
    await put("c", "1");
    await waitFor(() => lines.length >= 4, "a change after the resume");
    await settle();
    expect(lines).toEqual(["add a 1", "add b 1", "update a 1->2", "add c 1"]);
    expect(dropper.watchStarts.at(-1)).toBe(seen);
    expect(dropper.lists).toHaveLength(1);
  });

  it("relists on Gone and delivers the delete of an object removed meanwhile", async () => {
    await put("a", "1");
    await put("b", "1");
    const inf = start();
    await inf.waitForSync();
    dropper.hold();
    await registry.delete("ConfigMap", "default", "b");
    await put("a", "2");
    await put("c", "1");
    await backend.compact(await backend.currentRevision());
    dropper.release();
    await waitFor(() => lines.length === 5, "the differences after the relist");
    expect(lines).toEqual(["add a 1", "add b 1", "update a 1->2", "add c 1", "delete b 1 (tombstone)"]);
    expect(dropper.lists).toHaveLength(2);
    expect(inf.cache.keys().sort()).toEqual(["default/a", "default/c"]);
    await put("c", "2");
    await waitFor(() => lines.length === 6, "a change after the relist");
    expect(lines.at(-1)).toBe("update c 1->2");
  });

  it("re-delivers every cached object as an update on resync", async () => {
    await put("a", "1");
    await put("b", "1");
    start({ resyncMs: 5 });
    await waitFor(() => lines.filter((l) => l.startsWith("resync")).length >= 4, "two resyncs");
    expect(lines.slice(0, 2)).toEqual(["add a 1", "add b 1"]);
    expect(new Set(lines.slice(2))).toEqual(new Set(["resync a 1->1", "resync b 1->1"]));
  });

  it("delivers what is cached as adds to a handler registered late", async () => {
    await put("a", "1");
    const inf = start();
    await inf.waitForSync();
    const late: string[] = [];
    inf.addEventHandler(recordInto(late));
    expect(late).toEqual(["add a 1"]);
  });

  it("keeps delivering to other handlers when one throws, and logs the failure", async () => {
    const inf = start();
    inf.addEventHandler({
      onAdd: () => {
        throw new Error("handler bug");
      },
    });
    await inf.waitForSync();
    await put("a", "1");
    await put("a", "2");
    await waitFor(() => lines.length === 2, "both changes");
    expect(logged).toEqual([expect.stringContaining("handler bug")]);
  });

  it("with a label selector, delivers an object that stops matching as a delete", async () => {
    const inf = start({ labelSelector: "tier=web" });
    await inf.waitForSync();
    await registry.create({
      ...newConfigMap("a", { k: "1" }),
      metadata: { name: "a", namespace: "default", labels: { tier: "web" } },
    });
    await registry.create(newConfigMap("b", { k: "1" }));
    await waitFor(() => lines.length === 1, "the matching add");
    await registry.patch("ConfigMap", "default", "a", { metadata: { labels: { tier: "db" } } }, "merge");
    await waitFor(() => lines.length === 2, "the delete");
    expect(lines).toEqual(["add a 1", "delete a 1"]);
    expect(inf.cache.size).toBe(0);
  });

  it("calls no handler after stop, and waitForSync of a stopped informer resolves false", async () => {
    const inf = start();
    await inf.waitForSync();
    inf.stop();
    await put("a", "1");
    await settle();
    expect(lines).toEqual([]);
    expect(dropper.openWatches).toBe(0);
    const never = createInformer(dropper.client, "ConfigMap");
    never.stop();
    expect(await never.waitForSync()).toBe(false);
  });

  it("retries a failed list with back-off, logging each failure, and syncs once the server answers", async () => {
    await put("a", "1");
    dropper.failLists(2);
    const inf = start({ retryBaseMs: 1 });
    expect(await inf.waitForSync()).toBe(true);
    expect(lines).toEqual(["add a 1"]);
    expect(logged).toEqual([
      expect.stringMatching(/list failed, retrying in 1 ms: connection refused/),
      expect.stringMatching(/list failed, retrying in 2 ms: connection refused/),
    ]);
  });

  it("relists after an ERROR event on the watch", async () => {
    await put("a", "1");
    const inf = start();
    await inf.waitForSync();
    await waitFor(() => dropper.openWatches === 1, "the watch");
    dropper.sendError();
    await waitFor(() => dropper.lists.length === 2, "the relist");
    await put("a", "2");
    await waitFor(() => lines.length === 2, "the update");
    expect(lines).toEqual(["add a 1", "update a 1->2"]);
  });

  it("converges to the store and sees every version once while watches keep dropping", async () => {
    const inf = start({ retryBaseMs: 1 });
    await inf.waitForSync();
    for (let round = 0; round < 20; round++) {
      await put(`o${round % 4}`, String(round));
      if (round % 3 === 0) dropper.drop();
      if (round % 7 === 6) await registry.delete("ConfigMap", "default", `o${round % 4}`);
    }
    const live = await registry.list("ConfigMap", { namespace: "default" });
    await waitFor(() => inf.resourceVersion === live.resourceVersion, "the cache to catch up");
    const cached = inf.cache.list().map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`);
    expect(cached.sort()).toEqual(live.items.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`).sort());
    expect(lines.filter((l) => l.startsWith("add") || l.startsWith("update"))).toHaveLength(20);
    expect(dropper.lists).toHaveLength(1);
  });

  it("resumes from the last seen version after a watch fails with an error, and logs the failure", async () => {
    const inf = start({ retryBaseMs: 1 });
    await inf.waitForSync();
    await put("a", "1");
    await waitFor(() => lines.length === 1, "the add");
    const seen = inf.resourceVersion;
    dropper.break(new Error("connection reset"));
    await put("a", "2");
    await waitFor(() => lines.length === 2, "the update after the failure");
    expect(lines).toEqual(["add a 1", "update a 1->2"]);
    expect(dropper.watchStarts.at(-1)).toBe(seen);
    expect(dropper.lists).toHaveLength(1);
    expect(logged).toEqual([expect.stringMatching(/watch failed, retrying in 1 ms: connection reset/)]);
  });

  it("answers false from waitForSync when the signal aborts before the first list", async () => {
    dropper.failLists(1_000);
    const inf = start({ retryBaseMs: 1 });
    const abort = new AbortController();
    const waiting = inf.waitForSync(abort.signal);
    abort.abort();
    expect(await waiting).toBe(false);
    expect(inf.hasSynced()).toBe(false);
  });
});
