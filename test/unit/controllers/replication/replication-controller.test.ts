import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "../../../../src/api/client.js";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Event } from "../../../../src/api/types/event.js";
import type { ReplicationControllerStatus } from "../../../../src/api/types/replication-controller.js";
import { startReplicationControllers } from "../../../../src/controllers/replication/index.js";
import { InformerFactory } from "../../../../src/controllers/runtime/index.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { DroppableClient } from "../../../helpers/droppable-client.js";
import { waitFor } from "../../../helpers/wait-for.js";
import { eventually, newOrphan, newRc, newRs, pods, setPodStatus } from "./fixtures.js";

describe("the replication controllers", () => {
  let registry: Registry;
  let abort: AbortController;
  let stopped: Promise<void> | undefined;
  const logs: string[] = [];

  beforeEach(() => {
    registry = createRegistry(new MemoryBackend());
    abort = new AbortController();
    logs.length = 0;
  });

  afterEach(async () => {
    abort.abort();
    await stopped;
    await registry.close();
  });

  function start(options: { client?: Client; informers?: InformerFactory } = {}): void {
    stopped = startReplicationControllers({
      client: options.client ?? registry,
      signal: abort.signal,
      log: (line) => logs.push(line),
      ...(options.informers ? { informers: options.informers } : {}),
    });
  }

  async function podCount(): Promise<number> {
    return (await pods(registry)).length;
  }

  async function statusOf(kind: string, name: string): Promise<ReplicationControllerStatus | undefined> {
    return ((await registry.get(kind, "default", name)) as { status?: ReplicationControllerStatus }).status;
  }

  it("creates a ReplicationController's pods named <owner>-<5 chars>, controlled by it, with the template's labels", async () => {
    start();
    const rc = await registry.create(newRc("web", 3));
    await eventually(async () => (await podCount()) === 3, "three pods");
    for (const pod of await pods(registry)) {
      expect(pod.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(pod.metadata.labels).toEqual({ app: "web" });
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: "v1",
          kind: "ReplicationController",
          name: "web",
          uid: rc.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    await eventually(async () => (await statusOf("ReplicationController", "web"))?.replicas === 3, "status.replicas 3");
  });

  it("scales a ReplicaSet up and down to spec.replicas", async () => {
    start();
    await registry.create(newRs("web", 4));
    await eventually(async () => (await podCount()) === 4, "four pods");
    await registry.patch("ReplicaSet", "default", "web", { spec: { replicas: 1 } }, "merge");
    await eventually(async () => (await podCount()) === 1, "one pod");
    await registry.patch("ReplicaSet", "default", "web", { spec: { replicas: 2 } }, "merge");
    await eventually(async () => (await podCount()) === 2, "two pods");
    await eventually(
      async () => (await statusOf("ReplicaSet", "web"))?.observedGeneration === 3,
      "the third generation observed",
    );
    expect((await statusOf("ReplicaSet", "web"))?.replicas).toBe(2);
  });

  it("records SuccessfulCreate and SuccessfulDelete events on the owner", async () => {
    start();
    const rs = await registry.create(newRs("web", 2));
    await eventually(async () => (await podCount()) === 2, "two pods");
    await registry.patch("ReplicaSet", "default", "web", { spec: { replicas: 0 } }, "merge");
    const reasons = async () =>
      ((await registry.list("Event", { namespace: "default" })).items as Event[])
        .filter((e) => e.involvedObject.uid === rs.metadata.uid)
        .map((e) => e.reason)
        .sort();
    await eventually(
      async () =>
        JSON.stringify(await reasons()) ===
        JSON.stringify(["SuccessfulCreate", "SuccessfulCreate", "SuccessfulDelete", "SuccessfulDelete"]),
      "two create and two delete events",
    );
  });

  it("adopts a matching orphan instead of creating a pod", async () => {
    await registry.create(newOrphan("stray"));
    start();
    const rs = await registry.create(newRs("web", 1));
    await eventually(
      async () =>
        (await registry.get("Pod", "default", "stray")).metadata.ownerReferences?.[0]?.uid === rs.metadata.uid,
      "the orphan adopted",
    );
    await eventually(async () => (await statusOf("ReplicaSet", "web"))?.replicas === 1, "status.replicas 1");
    expect(await podCount()).toBe(1);
  });

  it("releases a pod whose labels stop matching and replaces it", async () => {
    start();
    await registry.create(newRs("web", 1));
    await eventually(async () => (await podCount()) === 1, "one pod");
    const [pod] = await pods(registry);
    await registry.patch("Pod", "default", pod!.metadata.name!, { metadata: { labels: { app: "debug" } } }, "merge");
    await eventually(async () => (await podCount()) === 2, "a replacement");
    const released = await registry.get("Pod", "default", pod!.metadata.name!);
    expect(released.metadata.ownerReferences).toBeUndefined();
  });

  it("leaves pods controlled by another owner alone", async () => {
    const other = newOrphan("theirs");
    other.metadata.ownerReferences = [
      { apiVersion: "v1", kind: "ReplicationController", name: "x", uid: "other-uid", controller: true },
    ];
    await registry.create(other);
    start();
    await registry.create(newRs("web", 1));
    await eventually(async () => (await podCount()) === 2, "its own pod");
    expect((await registry.get("Pod", "default", "theirs")).metadata.ownerReferences?.[0]?.uid).toBe("other-uid");
  });

  it("does not count Failed pods and replaces them", async () => {
    start();
    await registry.create(newRs("web", 1));
    await eventually(async () => (await podCount()) === 1, "one pod");
    const [pod] = await pods(registry);
    await setPodStatus(registry, pod!.metadata.name!, "Failed");
    await eventually(async () => (await podCount()) === 2, "a replacement for the failed pod");
    await eventually(async () => (await statusOf("ReplicaSet", "web"))?.replicas === 1, "status.replicas 1");
  });

  it("deletes the unscheduled, then pending, then not-ready pod first when scaling down", async () => {
    const now = new Date();
    const scheduled = (name: string): KubeObject => {
      const pod = newOrphan(name);
      (pod.spec as { nodeName?: string }).nodeName = "node-1";
      return pod;
    };
    await registry.create(scheduled("ready"));
    await registry.create(scheduled("running-not-ready"));
    await registry.create(scheduled("pending"));
    await registry.create(newOrphan("unscheduled"));
    await setPodStatus(registry, "ready", "Running", now);
    await setPodStatus(registry, "running-not-ready", "Running");
    await setPodStatus(registry, "pending", "Pending");
    start();
    await registry.create(newRs("web", 4));
    await eventually(async () => (await statusOf("ReplicaSet", "web"))?.replicas === 4, "all four adopted");
    const remaining = async () => (await pods(registry)).map((p) => p.metadata.name).sort();
    for (const [replicas, expected] of [
      [3, ["pending", "ready", "running-not-ready"]],
      [2, ["ready", "running-not-ready"]],
      [1, ["ready"]],
    ] as const) {
      await registry.patch("ReplicaSet", "default", "web", { spec: { replicas } }, "merge");
      await eventually(async () => (await remaining()).length === replicas, `${replicas} pods`);
      expect(await remaining()).toEqual(expected);
    }
  });

  it("reports ready, available (after minReadySeconds) and fully labeled replicas", async () => {
    start();
    await registry.create(newRs("web", 3, { minReadySeconds: 3600 }));
    await eventually(async () => (await podCount()) === 3, "three pods");
    const [a, b, c] = (await pods(registry)).map((p) => p.metadata.name!);
    await setPodStatus(registry, a!, "Running", new Date(Date.now() - 2 * 3600_000));
    await setPodStatus(registry, b!, "Running", new Date());
    await setPodStatus(registry, c!, "Running");
    await registry.patch("Pod", "default", c!, { metadata: { labels: { app: "web", extra: "x" } } }, "merge");
    await registry.patch(
      "ReplicaSet",
      "default",
      "web",
      { spec: { template: { metadata: { labels: { app: "web", v: "2" } } } } },
      "merge",
    );
    await eventually(async () => (await statusOf("ReplicaSet", "web"))?.observedGeneration === 2, "generation 2");
    expect(await statusOf("ReplicaSet", "web")).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 0,
      readyReplicas: 2,
      availableReplicas: 1,
      observedGeneration: 2,
    });
  });

  it("never creates twice while its pod cache lags behind its own writes", async () => {
    const lagging = new DroppableClient(registry);
    // Only the pod informer lags: owners are seen at once.
    const reads: Client = {
      ...bind(registry),
      list: (kind, o) => (kind === "Pod" ? lagging.client.list(kind, o) : registry.list(kind, o)),
      watch: (kind, o, h) => (kind === "Pod" ? lagging.client.watch(kind, o, h) : registry.watch(kind, o, h)),
    };
    const informers = new InformerFactory(reads, { log: () => {} });
    start({ informers });
    informers.informer("Pod");
    await informers.waitForSync();
    lagging.hold();
    await registry.create(newRc("web", 3));
    await eventually(async () => (await podCount()) === 3, "three pods");
    // Each touch makes the controller sync again while its pod cache still shows none.
    for (const n of ["1", "2", "3"]) {
      await registry.patch("ReplicationController", "default", "web", { metadata: { labels: { touch: n } } }, "merge");
      const seen = informers.informer("ReplicationController");
      await waitFor(() => seen.cache.get("default/web")?.metadata.labels?.touch === n, `touch ${n} seen`);
    }
    expect(await podCount()).toBe(3);
    lagging.release();
    await eventually(async () => (await statusOf("ReplicationController", "web"))?.replicas === 3, "status.replicas 3");
    expect(await podCount()).toBe(3);
    informers.stop();
  });

  it("sets ReplicaFailure, and a FailedCreate event, while creates fail", async () => {
    let podCreates = 0;
    const failing: Client = {
      ...bind(registry),
      create: async (obj, options) => {
        if (obj.kind !== "Pod") return registry.create(obj, options);
        podCreates++;
        throw new Error("quota exceeded");
      },
    };
    start({ client: failing });
    await registry.create(newRs("web", 8));
    await eventually(
      async () => (await statusOf("ReplicaSet", "web"))?.conditions?.[0]?.reason === "FailedCreate",
      "the ReplicaFailure condition",
    );
    const [condition] = (await statusOf("ReplicaSet", "web"))!.conditions!;
    expect(condition).toMatchObject({ type: "ReplicaFailure", status: "True", message: "quota exceeded" });
    // Slow start: each sync stops after its first failed batch of one, never tries all eight.
    expect(podCreates).toBeLessThan(8 * logs.length + 1);
    expect(logs.length).toBeGreaterThan(0);
    await eventually(
      async () =>
        ((await registry.list("Event", { namespace: "default" })).items as Event[]).some(
          (e) => e.reason === "FailedCreate" && e.type === "Warning",
        ),
      "a FailedCreate warning",
    );
  });
});

/** The registry's methods as a plain object, so a test can replace one. */
function bind(client: Client): Client {
  return {
    get: (...a) => client.get(...a),
    list: (...a) => client.list(...a),
    create: (...a) => client.create(...a),
    update: (...a) => client.update(...a),
    updateStatus: (...a) => client.updateStatus(...a),
    patch: (...a) => client.patch(...a),
    delete: (...a) => client.delete(...a),
    watch: (...a) => client.watch(...a),
  };
}
