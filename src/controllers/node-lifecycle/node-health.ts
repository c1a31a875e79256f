/** Pure judgements the node lifecycle controller makes from a node, a pod and the time. */
import type { Node, NodeCondition, Taint } from "../../api/types/node.js";
import type { Pod } from "../../api/types/pod.js";

export const UNREACHABLE_TAINT_KEY = "node.kubernetes.io/unreachable";
export const NODE_STATUS_UNKNOWN_MESSAGE = "Kubelet stopped posting node status.";

export interface NodeHealth {
  /** The last Ready heartbeat is older than the grace period. */
  stale: boolean;
  /** The Ready condition's status as stored (undefined when there is none). */
  ready: NodeCondition["status"] | undefined;
  /** The unreachable NoExecute taint, if the node carries it. */
  taint: Taint | undefined;
}

/**
 * How the node looks from the control plane at `now`: a node that never posted a heartbeat counts
 * from its creation, so a kubelet that never starts is noticed too.
 */
export function nodeHealth(node: Node, now: number, gracePeriodMs: number): NodeHealth {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  const since = Date.parse(ready?.lastHeartbeatTime ?? node.metadata.creationTimestamp ?? "");
  return {
    stale: Number.isFinite(since) && now - since > gracePeriodMs,
    ready: ready?.status,
    taint: node.spec?.taints?.find((t) => t.key === UNREACHABLE_TAINT_KEY && t.effect === "NoExecute"),
  };
}

/**
 * How long after the taint a pod is evicted: its own toleration of the unreachable NoExecute taint
 * decides when it has one (no tolerationSeconds: never, undefined is returned), else `evictionMs`.
 */
export function evictionDelayMs(pod: Pod, evictionMs: number): number | undefined {
  const toleration = (pod.spec?.tolerations ?? []).find(
    (t) =>
      (t.effect === undefined || t.effect === "NoExecute") &&
      (t.operator === "Exists" ? !t.key || t.key === UNREACHABLE_TAINT_KEY : t.key === UNREACHABLE_TAINT_KEY),
  );
  if (!toleration) return evictionMs;
  return toleration.tolerationSeconds === undefined ? undefined : Math.max(0, toleration.tolerationSeconds) * 1000;
}
