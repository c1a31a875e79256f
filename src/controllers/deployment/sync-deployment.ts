import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import type { Pod } from "../../api/types/pod.js";
import { claimReplicaSets } from "./claim.js";
import { getCondition, newCondition, REASON, setCondition } from "./conditions.js";
import { type SyncContext, writeStatus } from "./context.js";
import { replicaSetsOfRollout } from "./new-replica-set.js";
import { hasProgressDeadline } from "./progress.js";
import { rolloutRecreate } from "./recreate.js";
import { rolloutRolling } from "./rolling.js";
import { isScalingEvent, syncScaleOnly } from "./scale.js";
import { syncDeploymentStatus } from "./status.js";

/** What sync reads, taken from the caches by the caller. */
export interface DeploymentState {
  deployment: Deployment;
  /** ReplicaSets in the Deployment's namespace (candidates for claiming). */
  replicaSets: readonly ReplicaSet[];
  /** Pods in the Deployment's namespace (Recreate waits for old ones to be gone). */
  pods: readonly Pod[];
}

/** Records pausing and resuming in the Progressing condition, status Unknown (checkPausedConditions). */
async function checkPausedConditions(ctx: SyncContext, d: Deployment): Promise<Deployment> {
  if (!hasProgressDeadline(d)) return d;
  const current = getCondition(d.status, "Progressing");
  if (current?.reason === REASON.timedOut) return d;
  const pausedRecorded = current?.reason === REASON.paused;
  const status = structuredClone(d.status ?? {});
  if (d.spec.paused && !pausedRecorded) {
    setCondition(status, newCondition("Progressing", "Unknown", REASON.paused, "Deployment is paused", ctx.now()));
  } else if (!d.spec.paused && pausedRecorded) {
    setCondition(status, newCondition("Progressing", "Unknown", REASON.resumed, "Deployment is resumed", ctx.now()));
  } else return d;
  return writeStatus(ctx, d, status);
}

/**
 * Converges one Deployment (syncDeployment): claims its ReplicaSets; a Deployment being deleted
 * only gets its status; a paused one or a change of spec.replicas only scales; otherwise one step
 * of its strategy. Selecting everything is refused (it would adopt every ReplicaSet).
 */
export async function syncDeployment(ctx: SyncContext, state: DeploymentState): Promise<void> {
  let d = state.deployment;
  const selector = d.spec.selector;
  if (
    !selector ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)
  ) {
    ctx.log(`deployment ${d.metadata.namespace}/${d.metadata.name}: selecting all pods is not allowed`);
    if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
      await writeStatus(ctx, d, { ...structuredClone(d.status ?? {}), observedGeneration: d.metadata.generation ?? 0 });
    }
    return;
  }
  const replicaSets = await claimReplicaSets(ctx, d, state.replicaSets);
  if (d.metadata.deletionTimestamp) {
    const { d: next, newRS, oldRSs } = await replicaSetsOfRollout(ctx, d, replicaSets, false);
    await syncDeploymentStatus(ctx, [...oldRSs, ...(newRS ? [newRS] : [])], newRS, next);
    return;
  }
  d = await checkPausedConditions(ctx, d);
  if (d.spec.paused || isScalingEvent(d, replicaSets)) {
    await syncScaleOnly(ctx, d, replicaSets);
    return;
  }
  if (d.spec.strategy?.type === "Recreate") {
    const uids = new Set(replicaSets.map((rs) => rs.metadata.uid));
    const pods = state.pods.filter((p) => p.metadata.ownerReferences?.some((r) => r.controller && uids.has(r.uid)));
    await rolloutRecreate(ctx, d, replicaSets, pods);
    return;
  }
  await rolloutRolling(ctx, d, replicaSets);
}
