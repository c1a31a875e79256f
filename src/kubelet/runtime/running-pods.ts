/**
 * Groups what a runtime lists into pods, as a restarted kubelet sees them before it adopts:
 * per pod uid its sandboxes and, per container name, every attempt newest first. Containers
 * without Slipway's labels are left out, so they can never be adopted or removed. Pure.
 */
import type { ContainerSummary, PodRef } from "./container-runtime.js";
import { type ContainerIdentity, identityFromLabels, SANDBOX_CONTAINER_NAME } from "./labels.js";

export interface RunningContainer extends ContainerSummary {
  identity: ContainerIdentity;
}

export interface RunningPod {
  pod: PodRef;
  /** Newest attempt first. */
  sandboxes: RunningContainer[];
  /** Container name → its containers, newest attempt first. */
  containers: Map<string, RunningContainer[]>;
}

function newestFirst(a: RunningContainer, b: RunningContainer): number {
  return b.identity.attempt - a.identity.attempt || b.createdAt - a.createdAt;
}

/** Pods keyed by uid; only containers labelled for `node` when it is given. */
export function groupRunningPods(containers: ContainerSummary[], node?: string): Map<string, RunningPod> {
  const pods = new Map<string, RunningPod>();
  for (const summary of containers) {
    const identity = identityFromLabels(summary.labels);
    if (!identity || (node !== undefined && identity.node !== node)) continue;
    let pod = pods.get(identity.pod.uid);
    if (!pod) {
      pod = { pod: identity.pod, sandboxes: [], containers: new Map() };
      pods.set(identity.pod.uid, pod);
    }
    const running: RunningContainer = { ...summary, identity };
    if (identity.container === SANDBOX_CONTAINER_NAME) pod.sandboxes.push(running);
    else pod.containers.set(identity.container, [...(pod.containers.get(identity.container) ?? []), running]);
  }
  for (const pod of pods.values()) {
    pod.sandboxes.sort(newestFirst);
    for (const list of pod.containers.values()) list.sort(newestFirst);
  }
  return pods;
}
