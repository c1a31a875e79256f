import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../../src/api/errors.js";
import type { KubeObject, WatchEvent } from "../../../../src/api/object.js";
import { startGarbageCollector } from "../../../../src/controllers/gc/index.js";
import { startReplicationControllers } from "../../../../src/controllers/replication/index.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { waitFor } from "../../../helpers/wait-for.js";
import { eventually, newRc, newRs } from "../replication/fixtures.js";

describe("the garbage collector", () => {
  let registry: Registry;
  let abort: AbortController;
  let stopped: Promise<unknown>;
  const logs: string[] = [];

  beforeEach(() => {
    registry = createRegistry(new MemoryBackend());
    abort = new AbortController();
    logs.length = 0;
    const log = (line: string) => logs.push(line);
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

  const count = async (kind: string, namespace = "default") => (await registry.list(kind, { namespace })).items.length;

  async function exists(kind: string, name: string, namespace = "default"): Promise<boolean> {
    try {
      await registry.get(kind, namespace, name);
      return true;
    } catch (error) {
      if (isSlipwayError(error, "NotFound")) return false;
      throw error;
    }
  }

  function configMap(name: string, owners: KubeObject[] = []): KubeObject {
    return {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name,
        namespace: "default",
        ownerReferences: owners.map((o) => ({
          apiVersion: o.apiVersion,
          kind: o.kind,
          name: o.metadata.name!,
          uid: o.metadata.uid!,
        })),
      },
      data: { k: "v" },
    };
  }

  /** Records the kind of every DELETED event, in store order. */
  function recordDeletions(kinds: string[]): { order: string[]; stop: () => void } {
    const order: string[] = [];
    const watches = kinds.map((kind) =>
      registry.watch(kind, { resourceVersion: "1" }, (e: WatchEvent) => {
        if (e.type === "DELETED") order.push(`${Number(e.object.metadata.resourceVersion)}:${e.object.kind}`);
      }),
    );
    const stop = () => {
      for (const watch of watches) watch.stop();
    };
    return { order, stop };
  }

  it("deletes the pods of a ReplicationController deleted in the background", async () => {
    await registry.create(newRc("web", 2));
    await eventually(async () => (await count("Pod")) === 2, "two pods");
    await registry.delete("ReplicationController", "default", "web");
    await eventually(async () => (await count("Pod")) === 0, "the pods collected");
  });

  it("deletes the pods before the ReplicaSet with foreground propagation", async () => {
    await registry.create(newRs("web", 2));
    await eventually(async () => (await count("Pod")) === 2, "two pods");
    const deletions = recordDeletions(["Pod", "ReplicaSet"]);
    const marked = await registry.delete("ReplicaSet", "default", "web", { propagationPolicy: "Foreground" });
    expect(marked?.metadata.finalizers).toContain("foregroundDeletion");
    await eventually(async () => !(await exists("ReplicaSet", "web")), "the ReplicaSet removed");
    expect(await count("Pod")).toBe(0);
    await waitFor(() => deletions.order.length === 3, "three deletions seen");
    deletions.stop();
    const kinds = [...deletions.order].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    expect(kinds.map((k) => k.split(":")[1])).toEqual(["Pod", "Pod", "ReplicaSet"]);
  });

  it("deletes a chain Deployment → ReplicaSet → pods bottom-up in the foreground", async () => {
    const deployment = await registry.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "x" }] } },
      },
    });
    const rs = newRs("web-1", 2);
    rs.metadata.ownerReferences = [
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "web",
        uid: deployment.metadata.uid!,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
    await registry.create(rs);
    await eventually(async () => (await count("Pod")) === 2, "two pods");
    const deletions = recordDeletions(["Pod", "ReplicaSet", "Deployment"]);
    await registry.delete("Deployment", "default", "web", { propagationPolicy: "Foreground" });
    await eventually(async () => !(await exists("Deployment", "web")), "the Deployment removed");
    await waitFor(() => deletions.order.length === 4, "four deletions seen");
    deletions.stop();
    const kinds = [...deletions.order].sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
    expect(kinds.map((k) => k.split(":")[1])).toEqual(["Pod", "Pod", "ReplicaSet", "Deployment"]);
  });

  it("orphans the pods of a ReplicaSet deleted with propagation Orphan", async () => {
    await registry.create(newRs("web", 2));
    await eventually(async () => (await count("Pod")) === 2, "two pods");
    await registry.delete("ReplicaSet", "default", "web", { propagationPolicy: "Orphan" });
    await eventually(async () => !(await exists("ReplicaSet", "web")), "the ReplicaSet removed");
    const pods = (await registry.list("Pod", { namespace: "default" })).items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(pod.metadata.ownerReferences).toBeUndefined();
  });

  it("keeps an object one of whose owners lives, dropping its reference to the gone one", async () => {
    const alive = await registry.create(configMap("alive"));
    const doomed = await registry.create(configMap("doomed"));
    await registry.create(configMap("shared", [alive, doomed]));
    await registry.create(configMap("only-doomed", [doomed]));
    await registry.delete("ConfigMap", "default", "doomed");
    await eventually(async () => !(await exists("ConfigMap", "only-doomed")), "the single-owner dependent collected");
    await eventually(
      async () => (await registry.get("ConfigMap", "default", "shared")).metadata.ownerReferences?.length === 1,
      "the dangling reference dropped",
    );
    const shared = await registry.get("ConfigMap", "default", "shared");
    expect(shared.metadata.ownerReferences?.[0]?.uid).toBe(alive.metadata.uid);
  });

  it("collects a dependent whose owner was gone before the collector started", async () => {
    const ghost: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "ghost", uid: "no-such-uid" } };
    await registry.create(configMap("orphaned", [ghost]));
    await eventually(async () => !(await exists("ConfigMap", "orphaned")), "the dependent collected");
  });

  it("leaves nothing behind when a namespace with a ReplicationController is deleted", async () => {
    await registry.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } });
    const rc = newRc("web", 2);
    rc.metadata.namespace = "team";
    await registry.create(rc);
    await eventually(async () => (await count("Pod", "team")) === 2, "two pods in team");
    await registry.delete("Namespace", "", "team");
    await eventually(async () => !(await exists("Namespace", "team", "")), "the namespace removed");
    for (const kind of ["Pod", "ReplicationController", "Event"]) expect(await count(kind, "team")).toBe(0);
  });
});
