import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../../src/api/errors.js";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Node } from "../../../../src/api/types/node.js";
import type { Pod } from "../../../../src/api/types/pod.js";
import {
  evictionDelayMs,
  nodeHealth,
  startNodeLifecycle,
  UNREACHABLE_TAINT_KEY,
} from "../../../../src/controllers/node-lifecycle/index.js";
import { startReplicationControllers } from "../../../../src/controllers/replication/index.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { eventually, newOrphan, newRc } from "../replication/fixtures.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function nodeWithHeartbeat(heartbeat: number, status: "True" | "Unknown" = "True"): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name: "node-1", creationTimestamp: iso(T0 - 3600_000) },
    status: { conditions: [{ type: "Ready", status, lastHeartbeatTime: iso(heartbeat) }] },
  };
}

function podTolerating(tolerationSeconds?: number): Pod {
  const pod = newOrphan("p") as Pod;
  pod.spec.tolerations = [
    {
      key: UNREACHABLE_TAINT_KEY,
      operator: "Exists",
      effect: "NoExecute",
      ...(tolerationSeconds === undefined ? {} : { tolerationSeconds }),
    },
  ];
  return pod;
}

describe("node health", () => {
  it("is stale only once the heartbeat is older than the grace period", () => {
    expect(nodeHealth(nodeWithHeartbeat(T0), T0 + 40_000, 40_000).stale).toBe(false);
    expect(nodeHealth(nodeWithHeartbeat(T0), T0 + 41_000, 40_000).stale).toBe(true);
  });

  it("counts from the node's creation when no heartbeat was ever posted", () => {
    const node: Node = { apiVersion: "v1", kind: "Node", metadata: { name: "n", creationTimestamp: iso(T0) } };
    expect(nodeHealth(node, T0 + 41_000, 40_000)).toEqual({ stale: true, ready: undefined, taint: undefined });
  });

  it("evicts after evictionMs, after a pod's own tolerationSeconds, or never for an unbounded toleration", () => {
    expect(evictionDelayMs(newOrphan("p") as Pod, 300_000)).toBe(300_000);
    expect(evictionDelayMs(podTolerating(10), 300_000)).toBe(10_000);
    expect(evictionDelayMs(podTolerating(), 300_000)).toBeUndefined();
  });
});

describe("the node lifecycle controller", () => {
  let registry: Registry;
  let abort: AbortController;
  let stopped: Promise<unknown>;
  let clock: number;

  beforeEach(() => {
    registry = createRegistry(new MemoryBackend());
    abort = new AbortController();
    clock = T0;
    const log = () => {};
    stopped = Promise.all([
      startNodeLifecycle({
        client: registry,
        signal: abort.signal,
        gracePeriodMs: 40_000,
        evictionMs: 300_000,
        monitorPeriodMs: 2,
        now: () => new Date(clock),
        log,
      }),
      startReplicationControllers({ client: registry, signal: abort.signal, log }),
    ]);
  });

  afterEach(async () => {
    abort.abort();
    await stopped;
    await registry.close();
  });

  async function heartbeat(at: number): Promise<void> {
    const node = (await registry.get("Node", "", "node-1")) as Node;
    const next = structuredClone(node);
    next.status = { conditions: [{ type: "Ready", status: "True", lastHeartbeatTime: iso(at) }] };
    await registry.updateStatus(next);
  }

  const node = async () => (await registry.get("Node", "", "node-1")) as Node;

  async function exists(name: string): Promise<boolean> {
    try {
      await registry.get("Pod", "default", name);
      return true;
    } catch (error) {
      if (isSlipwayError(error, "NotFound")) return false;
      throw error;
    }
  }

  function onNode(pod: KubeObject): KubeObject {
    (pod.spec as { nodeName?: string }).nodeName = "node-1";
    return pod;
  }

  it("marks a silent node Unknown and tainted, evicts its pods after the grace, and lifts the taint on its return", async () => {
    await registry.create({ apiVersion: "v1", kind: "Node", metadata: { name: "node-1" } });
    await heartbeat(T0);
    await registry.create(onNode(newOrphan("web-on-node")));
    const tolerant = onNode(podTolerating() as KubeObject);
    tolerant.metadata.name = "tolerant";
    tolerant.metadata.labels = { app: "other" };
    await registry.create(tolerant);
    await registry.create(newRc("web", 1));
    await eventually(
      async () => (await registry.get("Pod", "default", "web-on-node")).metadata.ownerReferences?.length === 1,
      "the node's pod adopted by the RC",
    );

    clock = T0 + 41_000;
    await eventually(async () => (await node()).spec?.taints?.length === 1, "the unreachable taint");
    const tainted = await node();
    expect(tainted.spec?.taints).toEqual([{ key: UNREACHABLE_TAINT_KEY, effect: "NoExecute", timeAdded: iso(clock) }]);
    expect(tainted.status?.conditions).toEqual([
      {
        type: "Ready",
        status: "Unknown",
        reason: "NodeStatusUnknown",
        message: "Kubelet stopped posting node status.",
        lastHeartbeatTime: iso(T0),
        lastTransitionTime: iso(clock),
      },
    ]);
    expect(await exists("web-on-node")).toBe(true);

    clock = T0 + 41_000 + 300_000;
    await eventually(async () => !(await exists("web-on-node")), "the pod evicted");
    await eventually(
      async () => (await registry.list("Pod", { namespace: "default", labelSelector: "app=web" })).items.length === 1,
      "a replacement from the RC",
    );
    expect(await exists("tolerant")).toBe(true);

    clock += 5_000;
    await heartbeat(clock);
    await eventually(async () => (await node()).spec?.taints === undefined, "the taint lifted");
    expect((await node()).status?.conditions?.[0]?.status).toBe("True");
  });
});
