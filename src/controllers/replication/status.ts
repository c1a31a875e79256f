import type { Pod } from "../../api/types/pod.js";
import type { ReplicaCondition, ReplicationControllerStatus } from "../../api/types/replication-controller.js";
import { isPodAvailable, isPodReady } from "./pod-state.js";
import { minReadySecondsOf, type ReplicaOwner } from "./replica-kind.js";

/** What went wrong while creating or deleting pods, for the ReplicaFailure condition. */
export interface ManageFailure {
  reason: "FailedCreate" | "FailedDelete";
  message: string;
}

/**
 * The owner's status from the active pods it controls (Kubernetes' calculateStatus): counts,
 * observedGeneration, and a ReplicaFailure condition set while pods cannot be created or deleted
 * and removed once managing succeeds again. Pure.
 */
export function computeStatus(
  owner: ReplicaOwner,
  pods: readonly Pod[],
  failure: ManageFailure | undefined,
  now: Date,
): ReplicationControllerStatus {
  const templateLabels = owner.spec?.template?.metadata?.labels ?? {};
  const minReady = minReadySecondsOf(owner);
  const fullyLabeled = pods.filter((p) =>
    Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
  ).length;
  const status: ReplicationControllerStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: pods.filter(isPodReady).length,
    availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now.getTime())).length,
  };
  if (owner.metadata.generation !== undefined) status.observedGeneration = owner.metadata.generation;
  const others = (owner.status?.conditions ?? []).filter((c) => c.type !== "ReplicaFailure");
  const existing = owner.status?.conditions?.find((c) => c.type === "ReplicaFailure");
  const conditions: ReplicaCondition[] = [...others];
  if (failure) {
    const same =
      existing?.status === "True" && existing.reason === failure.reason && existing.message === failure.message;
    conditions.push(
      same
        ? existing
        : {
            type: "ReplicaFailure",
            status: "True",
            lastTransitionTime: `${now.toISOString().slice(0, 19)}Z`,
            reason: failure.reason,
            message: failure.message,
          },
    );
  }
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}
