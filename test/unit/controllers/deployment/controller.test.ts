import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Deployment, ReplicaSet } from "../../../../src/api/types/apps.js";
import { startDeploymentController } from "../../../../src/controllers/deployment/controller.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { newDeployment } from "./harness.js";

/** The controller as `slipway up` runs it: its own informers, workers, and the store's events. */
describe("startDeploymentController", () => {
  let registry: Registry;
  let abort: AbortController;
  let running: Promise<void>;
  const logs: string[] = [];

  beforeEach(() => {
    registry = createRegistry(new MemoryBackend());
    abort = new AbortController();
    running = startDeploymentController({ client: registry, signal: abort.signal, log: (m) => logs.push(m) });
  });

  afterEach(async () => {
    abort.abort();
    await running;
    await registry.close();
  });

  const replicaSets = async () => (await registry.list("ReplicaSet", { namespace: "default" })).items as ReplicaSet[];
  const deployment = async () => (await registry.get("Deployment", "default", "web")) as Deployment;

  async function makeAvailable(): Promise<void> {
    for (const rs of await replicaSets()) {
      const replicas = rs.spec.replicas ?? 0;
      if (rs.status?.availableReplicas === replicas && rs.status.replicas === replicas) continue;
      rs.status = {
        replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        observedGeneration: rs.metadata.generation ?? 1,
      };
      try {
        await registry.updateStatus(rs);
      } catch {
        // The controller wrote it meanwhile; the next round sees the fresh one.
      }
    }
  }

  /**
   * Plays the ReplicaSet controller (pods appear available at once) until `condition` holds; the
   * bound only stops a test that would otherwise hang, as waitFor's does.
   */
  async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await makeAvailable();
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  it("reacts to a new Deployment, an image change and a scale by itself, and stops when aborted", async () => {
    await registry.create(newDeployment("web", { replicas: 3, minReadySeconds: 4 }));
    await until(async () => (await replicaSets()).length === 1, "the first ReplicaSet");
    const [first] = await replicaSets();
    expect(first?.spec).toMatchObject({ replicas: 3, minReadySeconds: 4 });

    const d = await deployment();
    d.spec.template.spec.containers[0]!.image = "nginx:2";
    await registry.update(d);
    await until(async () => {
      const status = (await deployment()).status;
      const sizes = (await replicaSets()).map((rs) => rs.spec.replicas).sort();
      const done = status?.updatedReplicas === 3 && status.replicas === 3 && status.availableReplicas === 3;
      return done && sizes.join() === "0,3";
    }, "the rollout to finish");
    expect((await replicaSets()).map((rs) => rs.spec.replicas).sort()).toEqual([0, 3]);

    const scaled = await deployment();
    scaled.spec.replicas = 5;
    await registry.update(scaled);
    await until(async () => {
      const sizes = (await replicaSets()).map((rs) => rs.spec.replicas).sort();
      return (await deployment()).status?.availableReplicas === 5 && sizes.join() === "0,5";
    }, "the scale to 5");
    const sizes = (await replicaSets()).map((rs) => [rs.spec.template?.spec.containers[0]?.image, rs.spec.replicas]);
    expect(sizes.sort()).toEqual([
      ["nginx:1", 0],
      ["nginx:2", 5],
    ]);
    // Conflicts with the test's status writes (or a lagging cache) are retried; nothing else failed.
    expect(logs.filter((l) => l.includes("failed") && !l.includes("has been modified"))).toEqual([]);
  });
});
