import type { Node } from "../api/types/node.js";
import type { Pod } from "../api/types/pod.js";

export const DEFAULT_SCHEDULER_NAME = "default-scheduler";

/** Succeeded and Failed pods hold no resources and are never scheduled. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

/** A pod this scheduler must place: no node yet, its schedulerName, not being deleted, not finished. */
export function needsScheduling(pod: Pod, schedulerName: string): boolean {
  return (
    !pod.spec.nodeName &&
    (pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME) === schedulerName &&
    !pod.metadata.deletionTimestamp &&
    !isTerminal(pod)
  );
}

/** A pod that occupies its node's resources: bound and not finished. */
export function occupiesNode(pod: Pod): boolean {
  return !!pod.spec.nodeName && !isTerminal(pod);
}

/** Whether a pod update may change the scheduling decision (its spec or labels, not its status). */
export function podSpecChanged(old: Pod, pod: Pod): boolean {
  return (
    old.metadata.generation !== pod.metadata.generation ||
    JSON.stringify(old.metadata.labels) !== JSON.stringify(pod.metadata.labels) ||
    old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp
  );
}

/** Whether a node update may let a pod fit that did not (heartbeats alone do not). */
export function nodeSchedulingChanged(old: Node, node: Node): boolean {
  const view = (n: Node) =>
    JSON.stringify([
      n.metadata.labels,
      n.spec?.unschedulable,
      n.spec?.taints,
      n.status?.allocatable ?? n.status?.capacity,
      n.status?.conditions?.find((c) => c.type === "Ready")?.status,
    ]);
  return view(old) !== view(node);
}
