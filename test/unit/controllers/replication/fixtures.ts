import type { Client } from "../../../../src/api/client.js";
import { isSlipwayError } from "../../../../src/api/errors.js";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Pod } from "../../../../src/api/types/pod.js";
import { waitFor } from "../../../helpers/wait-for.js";

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

/**
 * Polls the store (not a cache) until `check` holds; the bound of test/helpers/wait-for.ts only
 * stops a test that would otherwise hang.
 */
export async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  let ok = false;
  let failure: unknown;
  const poll = async () => {
    while (!ok && failure === undefined) {
      ok = await check().catch((error: unknown) => {
        failure = error;
        return false;
      });
      if (!ok) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  const polling = poll();
  try {
    await waitFor(() => ok || failure !== undefined, what);
  } finally {
    ok = true;
    await polling;
  }
  if (failure !== undefined) throw failure;
}

/** True when the object exists, false on NotFound. */
export async function exists(client: Client, kind: string, namespace: string, name: string): Promise<boolean> {
  try {
    await client.get(kind, namespace, name);
    return true;
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return false;
    throw error;
  }
}
