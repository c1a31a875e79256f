import type { Client } from "../../api/client.js";
import type { Deployment, DeploymentStatus, ReplicaSet } from "../../api/types/apps.js";
import type { Log } from "../runtime/log.js";
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from "./annotations.js";
import type { EventRecorder } from "./events.js";
import { desiredReplicas, maxSurge } from "./fenceposts.js";
import { stableStringify } from "./hash.js";
import { replicasOf } from "./replica-sets.js";

/** What one sync of a Deployment may use: the client for writes, the clock, and a delayed re-look. */
export interface SyncContext {
  client: Client;
  now: () => Date;
  log: Log;
  /** Looks at the Deployment (cache key) again after `delayMs`, for the progress deadline. */
  requeueAfter: (key: string, delayMs: number) => void;
  /** Records an Event on the Deployment (best effort). */
  recordEvent: EventRecorder;
}

/**
 * Sets a ReplicaSet's replicas (and its desired/max-replicas annotations) when either differs
 * (scaleReplicaSet). Writes carry the resourceVersion read, so a stale cache ends in Conflict and a
 * retry. Returns the ReplicaSet as it is now and whether it was written.
 */
export async function scaleReplicaSet(
  ctx: SyncContext,
  rs: ReplicaSet,
  replicas: number,
  d: Deployment,
): Promise<{ rs: ReplicaSet; scaled: boolean }> {
  const desired = desiredReplicas(d);
  const max = desired + maxSurge(d);
  const sizeChanged = replicasOf(rs) !== replicas;
  if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { rs, scaled: false };
  const copy = structuredClone(rs);
  copy.spec.replicas = replicas;
  setReplicasAnnotations(copy, desired, max);
  const updated = (await ctx.client.update(copy)) as ReplicaSet;
  if (sizeChanged) {
    const from = replicasOf(rs);
    const direction = replicas > from ? "up" : "down";
    await ctx.recordEvent(
      d,
      "ScalingReplicaSet",
      `Scaled ${direction} replica set ${rs.metadata.name} to ${replicas} from ${from}`,
    );
  }
  return { rs: updated, scaled: sizeChanged };
}

/** Writes `status` when it differs from the Deployment's; returns the Deployment as it is now. */
export async function writeStatus(ctx: SyncContext, d: Deployment, status: DeploymentStatus): Promise<Deployment> {
  if (stableStringify(d.status ?? {}) === stableStringify(status)) return d;
  const copy = structuredClone(d);
  copy.status = status;
  return (await ctx.client.updateStatus(copy)) as Deployment;
}
