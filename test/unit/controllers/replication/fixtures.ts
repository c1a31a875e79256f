import type { Client } from "../../../../src/api/client.js";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Pod } from "../../../../src/api/types/pod.js";

/** Builders for the owners and pods the replication tests write. */

const TEMPLATE = {
  metadata: { labels: { app: "web" } },
  spec: { containers: [{ name: "main", image: "slipway.local/busybox:1" }] },
};

export function newRc(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ReplicationController",
    metadata: { name, namespace: "default" },
    spec: { replicas, selector: { app: "web" }, template: TEMPLATE, ...extra },
  };
}

export function newRs(name: string, replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "default" },
    spec: { replicas, selector: { matchLabels: { app: "web" } }, template: TEMPLATE, ...extra },
  };
}

export function newOrphan(name: string, labels: Record<string, string> = { app: "web" }): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels },
    spec: { containers: [{ name: "main", image: "slipway.local/busybox:1" }] },
  };
}

export async function pods(client: Client, namespace = "default"): Promise<Pod[]> {
  return (await client.list("Pod", { namespace })).items as Pod[];
}

/** Writes a pod's status as a kubelet would: phase, and Ready since `readySince` if given. */
export async function setPodStatus(client: Client, name: string, phase: string, readySince?: Date): Promise<void> {
  const pod = (await client.get("Pod", "default", name)) as Pod;
  const next = structuredClone(pod);
  next.status = { phase: phase as "Running" };
  if (readySince) {
    next.status.conditions = [
      { type: "Ready", status: "True", lastTransitionTime: `${readySince.toISOString().slice(0, 19)}Z` },
    ];
  }
  await client.updateStatus(next);
}
