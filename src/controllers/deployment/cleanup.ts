import { isSlipwayError } from "../../api/errors.js";
import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import type { SyncContext } from "./context.js";
import { byRevision, replicasOf } from "./replica-sets.js";

/**
 * Deletes the oldest old ReplicaSets beyond spec.revisionHistoryLimit (cleanupDeployment), never
 * one that still has or wants pods, whose status lags its spec, or that is already being deleted.
 */
export async function cleanupOldReplicaSets(ctx: SyncContext, oldRSs: readonly ReplicaSet[], d: Deployment) {
  const limit = d.spec.revisionHistoryLimit;
  if (limit === undefined) return;
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const excess = alive.length - limit;
  if (excess <= 0) return;
  for (const rs of [...alive].sort(byRevision).slice(0, excess)) {
    const busy =
      (rs.status?.replicas ?? 0) !== 0 ||
      replicasOf(rs) !== 0 ||
      (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0);
    if (busy) continue;
    try {
      const options = rs.metadata.uid === undefined ? {} : { uid: rs.metadata.uid };
      await ctx.client.delete("ReplicaSet", rs.metadata.namespace ?? "", rs.metadata.name ?? "", options);
    } catch (error) {
      if (!isSlipwayError(error) || error.code !== "NotFound") throw error;
    }
  }
}
