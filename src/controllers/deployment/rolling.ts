import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import { cleanupOldReplicaSets } from "./cleanup.js";
import { type SyncContext, scaleReplicaSet } from "./context.js";
import { desiredReplicas, maxUnavailable } from "./fenceposts.js";
import { replicaSetsOfRollout } from "./new-replica-set.js";
import { deploymentComplete } from "./progress.js";
import {
  availableReplicas,
  byCreation,
  filterActive,
  newReplicaSetReplicas,
  replicasOf,
  specReplicas,
} from "./replica-sets.js";
import { syncRolloutStatus } from "./status.js";

/** Grows the new ReplicaSet within the surge budget, or shrinks it to spec.replicas. */
async function reconcileNewReplicaSet(ctx: SyncContext, allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment) {
  const replicas = desiredReplicas(d);
  if (replicasOf(newRS) === replicas) return false;
  const target = replicasOf(newRS) > replicas ? replicas : newReplicaSetReplicas(d, allRSs, newRS);
  return (await scaleReplicaSet(ctx, newRS, target, d)).scaled;
}

/** Scales down old ReplicaSets whose pods are not available first: they cost no availability. */
async function cleanupUnhealthyReplicas(ctx: SyncContext, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number) {
  let total = 0;
  const result: ReplicaSet[] = [];
  for (const rs of [...oldRSs].sort(byCreation)) {
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
    if (total >= maxCleanup || replicasOf(rs) === 0 || unhealthy <= 0) {
      result.push(rs);
      continue;
    }
    const count = Math.min(maxCleanup - total, unhealthy);
    const { rs: scaled } = await scaleReplicaSet(ctx, rs, replicasOf(rs) - count, d);
    total += count;
    result.push(scaled);
  }
  return { oldRSs: result, cleaned: total };
}

/** Scales down old ReplicaSets, oldest first, as far as available pods above the minimum allow. */
async function scaleDownOldForRollingUpdate(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  d: Deployment,
) {
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const available = availableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= budget) break;
    if (replicasOf(rs) === 0) continue;
    const count = Math.min(replicasOf(rs), budget - total);
    await scaleReplicaSet(ctx, rs, replicasOf(rs) - count, d);
    total += count;
  }
  return total;
}

/**
 * Shrinks old ReplicaSets without going under replicas − maxUnavailable available pods, counting
 * the new ReplicaSet's unavailable pods against the budget (reconcileOldReplicaSets).
 */
async function reconcileOldReplicaSets(
  ctx: SyncContext,
  allRSs: ReplicaSet[],
  activeOldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
) {
  if (specReplicas(activeOldRSs) === 0) return false;
  const minAvailable = desiredReplicas(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const { oldRSs, cleaned } = await cleanupUnhealthyReplicas(ctx, activeOldRSs, d, maxScaledDown);
  const scaledDown = await scaleDownOldForRollingUpdate(ctx, [...oldRSs, newRS], oldRSs, d);
  return cleaned + scaledDown > 0;
}

/**
 * One step of a rolling update (rolloutRolling): create or find the new ReplicaSet, scale it up
 * within maxSurge, else scale old ones down within maxUnavailable, else (complete) prune history;
 * then write the rollout status. Each call does one kind of step; the next change re-queues.
 */
export async function rolloutRolling(ctx: SyncContext, d0: Deployment, replicaSets: readonly ReplicaSet[]) {
  const { d, newRS, oldRSs } = await replicaSetsOfRollout(ctx, d0, replicaSets, true);
  if (!newRS) throw new Error("rolling update without a new ReplicaSet");
  const allRSs = [...oldRSs, newRS];
  if (await reconcileNewReplicaSet(ctx, allRSs, newRS, d)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (await reconcileOldReplicaSets(ctx, allRSs, filterActive(oldRSs), newRS, d)) {
    return syncRolloutStatus(ctx, allRSs, newRS, d);
  }
  if (deploymentComplete(d, d.status)) await cleanupOldReplicaSets(ctx, oldRSs, d);
  return syncRolloutStatus(ctx, allRSs, newRS, d);
}
