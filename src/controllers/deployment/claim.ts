import { isSlipwayError } from "../../api/errors.js";
import type { OwnerReference } from "../../api/object.js";
import { labelSelectorFromSpec } from "../../api/selector/from-spec.js";
import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import { controllerRef } from "../runtime/enqueue.js";
import type { SyncContext } from "./context.js";
import { ownerRefTo } from "./new-replica-set.js";

async function ignoreGone<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isSlipwayError(error) && error.code === "NotFound") return undefined;
    throw error;
  }
}

/**
 * Reads the Deployment afresh, past the cache: adopting for a Deployment that was deleted (or
 * deleted and re-created under the same name) would hand a ReplicaSet to a gone owner.
 */
async function recheck(ctx: SyncContext, d: Deployment): Promise<boolean> {
  const fresh = await ignoreGone(ctx.client.get("Deployment", d.metadata.namespace ?? "", d.metadata.name ?? ""));
  return fresh !== undefined && fresh.metadata.uid === d.metadata.uid && !fresh.metadata.deletionTimestamp;
}

/**
 * The ReplicaSets this Deployment controls after adopting and releasing (ClaimReplicaSets): one it
 * controls that its selector no longer matches is released (its controller reference removed);
 * an orphan the selector matches is adopted, unless either side is being deleted (checked on a
 * fresh read of the Deployment). ReplicaSets controlled by someone else are left alone. Writes
 * carry the resourceVersion read.
 */
export async function claimReplicaSets(
  ctx: SyncContext,
  d: Deployment,
  candidates: readonly ReplicaSet[],
): Promise<ReplicaSet[]> {
  const selector = labelSelectorFromSpec(d.spec.selector);
  const claimed: ReplicaSet[] = [];
  let canAdopt: Promise<boolean> | undefined;
  for (const rs of candidates) {
    const ref = controllerRef(rs);
    const matches = selector.matches(rs.metadata.labels);
    if (ref) {
      if (ref.uid !== d.metadata.uid) continue;
      if (matches || d.metadata.deletionTimestamp) {
        claimed.push(rs);
        continue;
      }
      const copy = structuredClone(rs);
      copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
      await ignoreGone(ctx.client.update(copy));
      continue;
    }
    if (!matches || d.metadata.deletionTimestamp || rs.metadata.deletionTimestamp) continue;
    canAdopt ??= recheck(ctx, d);
    if (!(await canAdopt)) continue;
    const copy = structuredClone(rs);
    const refs: OwnerReference[] = [...(copy.metadata.ownerReferences ?? []), ownerRefTo(d)];
    copy.metadata.ownerReferences = refs;
    const adopted = await ignoreGone(ctx.client.update(copy));
    if (adopted) claimed.push(adopted as ReplicaSet);
  }
  return claimed;
}
