import type { Client } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import type { Pod } from "../api/types/pod.js";
import { withPodCondition } from "./pod-condition.js";

/**
 * Sets PodScheduled=False reason Unschedulable with the scheduler's message, through the status
 * subresource with the resourceVersion read (a Conflict propagates: the caller retries after a
 * fresh read). Writes nothing when the condition already says exactly this.
 */
export async function writeUnschedulable(client: Client, pod: Pod, message: string, now: () => Date): Promise<void> {
  const status = withPodCondition(
    pod.status,
    { type: "PodScheduled", status: "False", reason: "Unschedulable", message },
    now,
  );
  if (status) await client.updateStatus({ ...structuredClone(pod), status });
}

/**
 * Sets PodScheduled=True on a pod just bound. Starts from the object the binding returned; on a
 * Conflict (the kubelet wrote status meanwhile) reads the pod again, up to three attempts.
 */
export async function writeScheduled(client: Client, bound: Pod, now: () => Date): Promise<void> {
  let current = bound;
  for (let attempt = 1; ; attempt++) {
    const status = withPodCondition(current.status, { type: "PodScheduled", status: "True" }, now);
    if (!status) return;
    try {
      await client.updateStatus({ ...structuredClone(current), status });
      return;
    } catch (error) {
      if (!(error instanceof SlipwayError && error.code === "Conflict") || attempt >= 3) throw error;
      current = (await client.get("Pod", bound.metadata.namespace ?? "", bound.metadata.name ?? "")) as Pod;
    }
  }
}
