import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import { cacheKey } from "../runtime/cache-key.js";
import { type SyncContext, writeStatus } from "./context.js";
import { calculateStatus, rolloutStatus, timeUntilDeadline } from "./progress.js";

/**
 * Writes the status of a rollout step (syncRolloutStatus) and, while the rollout is neither done
 * nor timed out, asks to look again when its progress deadline would pass.
 */
export async function syncRolloutStatus(
  ctx: SyncContext,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): Promise<Deployment> {
  const now = ctx.now();
  const status = rolloutStatus(allRSs, newRS, d, now);
  const written = await writeStatus(ctx, d, status);
  const wait = timeUntilDeadline(d, status, now);
  if (wait !== undefined) ctx.requeueAfter(cacheKey(d), wait);
  return written;
}

/** Writes counts and the Available condition only, no progress verdict (syncDeploymentStatus). */
export async function syncDeploymentStatus(
  ctx: SyncContext,
  allRSs: readonly ReplicaSet[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): Promise<Deployment> {
  return writeStatus(ctx, d, calculateStatus(allRSs, newRS, d, ctx.now()));
}
