import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import { desiredReplicasAnnotation, maxReplicasAnnotation } from "./annotations.js";
import { cleanupOldReplicaSets } from "./cleanup.js";
import { type SyncContext, scaleReplicaSet } from "./context.js";
import { desiredReplicas, isRollingUpdate, maxSurge } from "./fenceposts.js";
import { replicaSetsOfRollout } from "./new-replica-set.js";
import { byCreation, filterActive, findActiveOrLatest, isSaturated, replicasOf, specReplicas } from "./replica-sets.js";
import { syncDeploymentStatus } from "./status.js";

/** True when an active ReplicaSet was sized for another spec.replicas (isScalingEvent). */
export function isScalingEvent(d: Deployment, replicaSets: readonly ReplicaSet[]): boolean {
  return filterActive(replicaSets).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== desiredReplicas(d);
  });
}

/** This ReplicaSet's share of a change of `toAdd` replicas, `added` already handed out (GetProportion). */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (desiredReplicas(d) === 0) fraction = -replicasOf(rs);
  else {
    const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
    const target = desiredReplicas(d) + maxSurge(d);
    fraction = annotated === 0 ? 0 : Math.round((replicasOf(rs) * target) / annotated) - replicasOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * Applies a change of spec.replicas to the ReplicaSets (scale): all of it to the only active (or
 * newest) one; old ones to 0 when the new one is saturated; otherwise, in a rolling update,
 * proportionally to each active ReplicaSet's size, leftovers to the largest.
 */
export async function scaleDeployment(
  ctx: SyncContext,
  d: Deployment,
  newRS: ReplicaSet | undefined,
  oldRSs: ReplicaSet[],
) {
  const only = findActiveOrLatest(newRS, oldRSs);
  if (only) {
    if (replicasOf(only) !== desiredReplicas(d)) await scaleReplicaSet(ctx, only, desiredReplicas(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const rs of filterActive(oldRSs)) await scaleReplicaSet(ctx, rs, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const active = filterActive([...oldRSs, newRS]);
  const allowed = desiredReplicas(d) > 0 ? desiredReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  // Larger first; on ties newer first when growing, older first when shrinking.
  active.sort((a, b) => replicasOf(b) - replicasOf(a) || (toAdd > 0 ? byCreation(b, a) : byCreation(a, b)));
  let added = 0;
  const sizes = active.map((rs) => {
    const share = proportion(rs, d, toAdd, added);
    added += share;
    return replicasOf(rs) + share;
  });
  for (const [i, rs] of active.entries()) {
    let size = sizes[i] ?? replicasOf(rs);
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    await scaleReplicaSet(ctx, rs, size, d);
  }
}

/**
 * The sync for a paused Deployment or a scaling event (sync): no rollout step, only scaling,
 * history cleanup while paused, and the counts.
 */
export async function syncScaleOnly(ctx: SyncContext, d0: Deployment, replicaSets: readonly ReplicaSet[]) {
  const { d, newRS, oldRSs } = await replicaSetsOfRollout(ctx, d0, replicaSets, false);
  await scaleDeployment(ctx, d, newRS, oldRSs);
  if (d.spec.paused) await cleanupOldReplicaSets(ctx, oldRSs, d);
  return syncDeploymentStatus(ctx, [...oldRSs, ...(newRS ? [newRS] : [])], newRS, d);
}
