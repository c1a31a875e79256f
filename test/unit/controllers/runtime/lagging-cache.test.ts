import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { cacheKey } from "../../../../src/controllers/runtime/cache-key.js";
import { controllerRef, enqueueObject } from "../../../../src/controllers/runtime/enqueue.js";
import { Expectations } from "../../../../src/controllers/runtime/expectations.js";
import { byControllerUid } from "../../../../src/controllers/runtime/indexer.js";
import { createInformer, type Informer } from "../../../../src/controllers/runtime/informer.js";
import { runController } from "../../../../src/controllers/runtime/run-controller.js";
import { WorkQueue } from "../../../../src/controllers/runtime/work-queue.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { DroppableClient } from "../../../helpers/droppable-client.js";
import { waitFor } from "../../../helpers/wait-for.js";

/**
 * A toy controller wired the way real ones are (informers → queue → workers → sync): every
 * ConfigMap labelled role=owner should have exactly one child ConfigMap it controls.
 */
describe("a controller on the runtime whose child cache lags behind its writes", () => {
  let registry: Registry;
  let children: DroppableClient;
  const informers: Informer[] = [];
  let abort: AbortController;

  beforeEach(() => {
    abort = new AbortController();
    registry = createRegistry(new MemoryBackend());
    children = new DroppableClient(registry);
  });

  afterEach(async () => {
    abort.abort();
    for (const informer of informers.splice(0)) informer.stop();
    await registry.close();
  });

  async function scenario(useExpectations: boolean): Promise<{ created: number; satisfied: boolean }> {
    const queue = new WorkQueue();
    const expectations = new Expectations();
    const owners = createInformer(registry, "ConfigMap", { labelSelector: "role=owner", log: () => {} });
    const childInformer = createInformer(children.client, "ConfigMap", {
      labelSelector: "role=child",
      indexers: { controller: byControllerUid },
      log: () => {},
    });
    informers.push(owners, childInformer);
    owners.addEventHandler(enqueueObject(queue));
    childInformer.addEventHandler({
      onAdd: (child) => {
        const ref = controllerRef(child);
        if (!ref) return;
        const key = `${child.metadata.namespace}/${ref.name}`;
        expectations.creationObserved(key);
        queue.add(key);
      },
    });
    owners.start();
    childInformer.start();
    await Promise.all([owners.waitForSync(), childInformer.waitForSync()]);

    let syncs = 0;
    const sync = async (key: string) => {
      try {
        if (useExpectations && !expectations.satisfied(key)) return;
        const owner = owners.cache.get(key);
        if (!owner) return;
        if (childInformer.cache.byIndex("controller", owner.metadata.uid!).length > 0) return;
        if (useExpectations) expectations.expectCreations(key, 1);
        await registry.create(childOf(owner));
      } finally {
        syncs++;
      }
    };
    void runController({ name: "copier", queue, workers: 2, sync, signal: abort.signal, log: () => {} });

    children.hold();
    const owner = await registry.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "o1", namespace: "default", labels: { role: "owner" } },
    });
    await waitFor(() => syncs === 1, "the first sync");
    for (const round of [2, 3]) {
      queue.add(cacheKey(owner));
      await waitFor(() => syncs === round, `sync ${round}`);
    }
    const created = (await registry.list("ConfigMap", { labelSelector: "role=child" })).items.length;
    children.release();
    await waitFor(() => childInformer.cache.size === created, "the child cache to catch up");
    return { created, satisfied: expectations.satisfied(cacheKey(owner)) };
  }

  it("creates the child once when it records expectations", async () => {
    expect(await scenario(true)).toEqual({ created: 1, satisfied: true });
  });

  it("creates duplicates without expectations (why they exist)", async () => {
    expect((await scenario(false)).created).toBe(3);
  });
});

function childOf(owner: KubeObject): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace!,
      labels: { role: "child" },
      ownerReferences: [
        { apiVersion: "v1", kind: "ConfigMap", name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true },
      ],
    },
  };
}
