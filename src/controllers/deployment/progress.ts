import type { Deployment, DeploymentStatus, ReplicaSet } from "../../api/types/apps.js";
import { getCondition, newCondition, REASON, removeCondition, setCondition } from "./conditions.js";
import { desiredReplicas, maxUnavailable } from "./fenceposts.js";
import { actualReplicas, availableReplicas, readyReplicas, specReplicas } from "./replica-sets.js";

export function hasProgressDeadline(d: Deployment): boolean {
  const seconds = d.spec.progressDeadlineSeconds;
  return seconds !== undefined && seconds !== 2147483647;
}

/** The counts and the Available condition from the ReplicaSets (calculateStatus); keeps other conditions. */
export function calculateStatus(
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: Date,
): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicas(allRSs) - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions) status.conditions = structuredClone(d.status.conditions);
  if (available >= desiredReplicas(d) - maxUnavailable(d)) {
    setCondition(
      status,
      newCondition("Available", "True", REASON.minimumAvailable, "Deployment has minimum availability.", now),
    );
  } else {
    setCondition(
      status,
      newCondition(
        "Available",
        "False",
        REASON.minimumUnavailable,
        "Deployment does not have minimum availability.",
        now,
      ),
    );
  }
  return status;
}

/** Every replica updated and available, and the latest spec observed (DeploymentComplete). */
export function deploymentComplete(d: Deployment, status: DeploymentStatus | undefined): boolean {
  const replicas = desiredReplicas(d);
  return (
    (status?.updatedReplicas ?? 0) === replicas &&
    (status?.replicas ?? 0) === replicas &&
    (status?.availableReplicas ?? 0) === replicas &&
    (status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** True when `next` shows progress over the Deployment's recorded status (DeploymentProgressing). */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** True when the last progress is older than progressDeadlineSeconds (DeploymentTimedOut). */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const condition = getCondition(status, "Progressing");
  if (!condition || condition.reason === REASON.newReplicaSetAvailable) return false;
  if (condition.reason === REASON.timedOut) return true;
  const from = Date.parse(condition.lastUpdateTime ?? condition.lastTransitionTime ?? "");
  if (Number.isNaN(from)) return false;
  return from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < now.getTime();
}

/**
 * The status a rollout step leads to (syncRolloutStatus without the write): counts, Available,
 * and Progressing — NewReplicaSetAvailable when complete, ReplicaSetUpdated on progress,
 * ProgressDeadlineExceeded once the deadline passed without progress.
 */
export function rolloutStatus(
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: Date,
): DeploymentStatus {
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, "Progressing");
  const current = getCondition(d.status, "Progressing");
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.newReplicaSetAvailable;
  if (!hasProgressDeadline(d) || complete) return status;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (deploymentComplete(d, status)) {
    const message = `${subject} has successfully progressed.`;
    setCondition(status, newCondition("Progressing", "True", REASON.newReplicaSetAvailable, message, now));
  } else if (deploymentProgressing(d, status)) {
    const condition = newCondition("Progressing", "True", REASON.replicaSetUpdated, `${subject} is progressing.`, now);
    // Progress refreshes lastUpdateTime even when the reason stays the same.
    if (current?.status === "True" && current.lastTransitionTime)
      condition.lastTransitionTime = current.lastTransitionTime;
    removeCondition(status, "Progressing");
    setCondition(status, condition);
  } else if (deploymentTimedOut(d, status, now)) {
    const message = `${subject} has timed out progressing.`;
    setCondition(status, newCondition("Progressing", "False", REASON.timedOut, message, now));
  }
  return status;
}

/**
 * When a rollout is neither complete nor timed out, how long until its deadline passes (so the
 * controller looks again then): undefined when nothing needs checking (requeueStuckDeployment).
 */
export function timeUntilDeadline(d: Deployment, status: DeploymentStatus, now: Date): number | undefined {
  const condition = getCondition(status, "Progressing");
  if (!hasProgressDeadline(d) || !condition) return undefined;
  if (deploymentComplete(d, status) || condition.reason === REASON.timedOut) return undefined;
  if (condition.reason === REASON.newReplicaSetAvailable) return undefined;
  const from = Date.parse(condition.lastUpdateTime ?? "");
  if (Number.isNaN(from)) return undefined;
  return Math.max(0, from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 - now.getTime()) + 1000;
}
