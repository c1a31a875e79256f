import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import type { Pod } from "../../api/types/pod.js";
import { cleanupOldReplicaSets } from "./cleanup.js";
import { type SyncContext, scaleReplicaSet } from "./context.js";
import { desiredReplicas } from "./fenceposts.js";
import { replicaSetsOfRollout } from "./new-replica-set.js";
import { deploymentComplete } from "./progress.js";
import { actualReplicas, filterActive } from "./replica-sets.js";
import { syncRolloutStatus } from "./status.js";

/**
 * True while any pod of an old ReplicaSet may still run: its status counts pods, or a pod it
 * controls is neither Succeeded nor Failed (oldPodsRunning).
 */
function oldPodsRunning(oldRSs: readonly ReplicaSet[], pods: readonly Pod[]): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
  return pods.some((pod) => {
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!owner || !oldUids.has(owner.uid)) return false;
    const phase = pod.status?.phase;
    return phase !== "Succeeded" && phase !== "Failed";
  });
}

/**
 * One step of a Recreate rollout (rolloutRecreate): scale every old ReplicaSet to 0; wait until
 * none of their pods is left; only then create (or find) the new ReplicaSet and scale it to
 * spec.replicas. `pods` are the pods the Deployment's selector matches.
 */
export async function rolloutRecreate(
  ctx: SyncContext,
  d0: Deployment,
  replicaSets: readonly ReplicaSet[],
  pods: readonly Pod[],
) {
  // No new ReplicaSet yet: creating it now would start new pods next to old ones.
  let { d, newRS, oldRSs } = await replicaSetsOfRollout(ctx, d0, replicaSets, false);
  let allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    if ((await scaleReplicaSet(ctx, rs, 0, d)).scaled) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(oldRSs, pods)) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (!newRS) {
    ({ d, newRS, oldRSs } = await replicaSetsOfRollout(ctx, d, replicaSets, true));
    allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  }
  if (newRS) await scaleReplicaSet(ctx, newRS, desiredReplicas(d), d);
  if (deploymentComplete(d, d.status)) await cleanupOldReplicaSets(ctx, oldRSs, d);
  return syncRolloutStatus(ctx, allRSs, newRS, d);
}
