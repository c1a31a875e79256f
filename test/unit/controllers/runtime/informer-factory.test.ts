import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { byNodeName, byOwnerUid } from "../../../../src/controllers/runtime/indexer.js";
import { InformerFactory } from "../../../../src/controllers/runtime/informer-factory.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { DroppableClient } from "../../../helpers/droppable-client.js";
import { newConfigMap, newPod } from "../../../helpers/store-objects.js";

describe("InformerFactory", () => {
  let registry: Registry;
  let dropper: DroppableClient;
  let factory: InformerFactory;

  beforeEach(() => {
    registry = createRegistry(new MemoryBackend());
    dropper = new DroppableClient(registry);
    factory = new InformerFactory(dropper.client, { log: () => {} });
  });

  afterEach(async () => {
    factory.stop();
    await registry.close();
  });

  it("shares one informer per kind and scope, with the indexes every caller asked for", async () => {
    const forReplicaSets = factory.informer("Pod", {}, { owner: byOwnerUid });
    const forScheduler = factory.informer("Pod", {}, { node: byNodeName });
    const inShop = factory.informer("Pod", { namespace: "shop" });
    expect(forScheduler).toBe(forReplicaSets);
    expect(inShop).not.toBe(forReplicaSets);
    await registry.create({ ...newPod("a"), spec: { nodeName: "n1", containers: [{ name: "c", image: "x" }] } });
    factory.start();
    expect(await factory.waitForSync()).toBe(true);
    expect(forReplicaSets.cache.byIndex("node", "n1").map((p) => p.metadata.name)).toEqual(["a"]);
    expect(forReplicaSets.cache.byIndex("owner", "none")).toEqual([]);
    expect(dropper.lists).toHaveLength(2);
  });

  it("starts an informer asked for after start at once", async () => {
    factory.start();
    await registry.create(newConfigMap("a"));
    const late = factory.informer("ConfigMap");
    expect(await late.waitForSync()).toBe(true);
    expect(late.cache.keys()).toEqual(["default/a"]);
  });

  it("reports no sync when stopped before syncing", async () => {
    factory.informer("ConfigMap");
    factory.stop();
    expect(await factory.waitForSync()).toBe(false);
  });
});
