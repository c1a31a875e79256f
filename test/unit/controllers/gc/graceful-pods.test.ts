import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../../src/api/errors.js";
import type { ReplicationControllerStatus } from "../../../../src/api/types/replication-controller.js";
import { startGarbageCollector } from "../../../../src/controllers/gc/index.js";
import { startReplicationControllers } from "../../../../src/controllers/replication/index.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { eventually, newRs, pods } from "../replication/fixtures.js";

/** With graceful pod deletion, a deleted pod lingers (marked) until a kubelet removes it. */
describe("controllers while deleted pods linger until their kubelet removes them", () => {
  let registry: Registry;
  let abort: AbortController;
  let stopped: Promise<unknown>;

  beforeEach(() => {
    registry = createRegistry(new MemoryBackend(), { gracefulPodDeletion: true });
    abort = new AbortController();
    const log = () => {};
    stopped = Promise.all([
      startGarbageCollector({ client: registry, signal: abort.signal, log }),
      startReplicationControllers({ client: registry, signal: abort.signal, log }),
    ]);
  });

  afterEach(async () => {
    abort.abort();
    await stopped;
    await registry.close();
  });

  const marked = async () => (await pods(registry)).filter((p) => p.metadata.deletionTimestamp).length;

  /** What a kubelet does once a marked pod's containers have stopped. */
  async function kubeletRemovesMarkedPods(): Promise<void> {
    for (const pod of await pods(registry)) {
      if (pod.metadata.deletionTimestamp)
        await registry.delete("Pod", "default", pod.metadata.name!, { gracePeriodSeconds: 0 });
    }
  }

  async function replicaSetExists(): Promise<boolean> {
    try {
      await registry.get("ReplicaSet", "default", "web");
      return true;
    } catch (error) {
      if (isSlipwayError(error, "NotFound")) return false;
      throw error;
    }
  }

  it("scales down by marking exactly the surplus, and counts marked pods as gone", async () => {
    await registry.create(newRs("web", 3));
    await eventually(async () => (await pods(registry)).length === 3, "three pods");
    await registry.patch("ReplicaSet", "default", "web", { spec: { replicas: 1 } }, "merge");
    await eventually(async () => (await marked()) === 2, "two pods marked");
    await eventually(async () => {
      const status = ((await registry.get("ReplicaSet", "default", "web")) as { status?: ReplicationControllerStatus })
        .status;
      return status?.observedGeneration === 2 && status.replicas === 1;
    }, "status.replicas 1");
    expect(await marked()).toBe(2);
    await kubeletRemovesMarkedPods();
    await eventually(async () => (await pods(registry)).length === 1, "one pod left");
  });

  it("keeps a foreground-deleted ReplicaSet until its marked pods are really gone", async () => {
    await registry.create(newRs("web", 2));
    await eventually(async () => (await pods(registry)).length === 2, "two pods");
    await registry.delete("ReplicaSet", "default", "web", { propagationPolicy: "Foreground" });
    await eventually(async () => (await marked()) === 2, "both pods marked");
    expect(await replicaSetExists()).toBe(true);
    await kubeletRemovesMarkedPods();
    await eventually(async () => !(await replicaSetExists()), "the ReplicaSet removed");
    expect(await pods(registry)).toHaveLength(0);
  });
});
