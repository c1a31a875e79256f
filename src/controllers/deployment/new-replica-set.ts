import { isSlipwayError } from "../../api/errors.js";
import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import { maxRevision, revisionOf, setDeploymentRevision, setNewReplicaSetAnnotations } from "./annotations.js";
import { getCondition, newCondition, REASON, setCondition } from "./conditions.js";
import { type SyncContext, writeStatus } from "./context.js";
import { computeHash, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from "./hash.js";
import { hasProgressDeadline } from "./progress.js";
import { findNewReplicaSet, findOldReplicaSets, newReplicaSetReplicas } from "./replica-sets.js";

export interface ReplicaSetsOfRollout {
  /** The Deployment as it is after any annotation or status write made here. */
  d: Deployment;
  /** The ReplicaSet whose template is the Deployment's; undefined when none exists and none was made. */
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/** A controller ownerReference to the Deployment. */
export function ownerRefTo(d: Deployment) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    name: d.metadata.name ?? "",
    uid: d.metadata.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Writes the Deployment's revision annotation (metadata, so update) when it changed. */
async function syncDeploymentRevision(ctx: SyncContext, d: Deployment, revision: string): Promise<Deployment> {
  const copy = structuredClone(d);
  if (!setDeploymentRevision(copy, revision)) return d;
  return (await ctx.client.update(copy)) as Deployment;
}

async function syncExisting(ctx: SyncContext, d: Deployment, existing: ReplicaSet, newRevision: number) {
  const copy = structuredClone(existing);
  const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
  const minReadyChanged = (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
  if (minReadyChanged) copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
  const rs = annotationsChanged || minReadyChanged ? ((await ctx.client.update(copy)) as ReplicaSet) : existing;
  let next = await syncDeploymentRevision(ctx, d, String(revisionOf(rs)));
  if (hasProgressDeadline(next) && !getCondition(next.status, "Progressing")) {
    const status = structuredClone(next.status ?? {});
    const message = `Found new replica set "${rs.metadata.name}"`;
    setCondition(status, newCondition("Progressing", "True", REASON.foundNewReplicaSet, message, ctx.now()));
    next = await writeStatus(ctx, next, status);
  }
  return { d: next, rs };
}

function newReplicaSetFor(d: Deployment, oldRSs: ReplicaSet[], newRevision: number): ReplicaSet {
  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const template = structuredClone(d.spec.template);
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash },
  };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace ?? "default",
      labels: { ...template.metadata.labels },
      ownerReferences: [ownerRefTo(d)],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
  };
  rs.spec.replicas = newReplicaSetReplicas(d, oldRSs, rs);
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  return rs;
}

/** Creates the new ReplicaSet; on a name collision with a foreign one, bumps collisionCount and throws. */
async function createNew(ctx: SyncContext, d: Deployment, oldRSs: ReplicaSet[], newRevision: number) {
  const wanted = newReplicaSetFor(d, oldRSs, newRevision);
  let rs: ReplicaSet;
  let created = true;
  try {
    rs = (await ctx.client.create(wanted)) as ReplicaSet;
  } catch (error) {
    if (!isSlipwayError(error) || error.code !== "AlreadyExists") throw error;
    const found = (await ctx.client.get(
      "ReplicaSet",
      wanted.metadata.namespace ?? "",
      wanted.metadata.name ?? "",
    )) as ReplicaSet;
    const ours = found.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid);
    if (!ours || !equalIgnoreHash(found.spec.template, d.spec.template)) {
      // A different template hashed to the same name: try the next name on the next sync.
      const status = structuredClone(d.status ?? {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      await ctx.client.updateStatus({ ...structuredClone(d), status });
      throw new Error(
        `hash collision for ReplicaSet ${wanted.metadata.name}; collisionCount is now ${status.collisionCount}`,
      );
    }
    // Ours already (our cache lagged behind our own create).
    rs = found;
    created = false;
  }
  let next = await syncDeploymentRevision(ctx, d, String(newRevision));
  if (created && hasProgressDeadline(next)) {
    const status = structuredClone(next.status ?? {});
    const message = `Created new replica set "${rs.metadata.name}"`;
    setCondition(status, newCondition("Progressing", "True", REASON.newReplicaSetCreated, message, ctx.now()));
    next = await writeStatus(ctx, next, status);
  }
  if (created) {
    await ctx.recordEvent(
      next,
      "ScalingReplicaSet",
      `Scaled up replica set ${rs.metadata.name} to ${rs.spec.replicas ?? 0}`,
    );
  }
  return { d: next, rs };
}

/**
 * Finds the new and old ReplicaSets of a Deployment and brings the new one's annotations and the
 * Deployment's revision up to date (getAllReplicaSetsAndSyncRevision). With `create`, a missing
 * new ReplicaSet is created, named `<deployment>-<hash>`, revision max(old) + 1.
 */
export async function replicaSetsOfRollout(
  ctx: SyncContext,
  d: Deployment,
  replicaSets: readonly ReplicaSet[],
  create: boolean,
): Promise<ReplicaSetsOfRollout> {
  const existing = findNewReplicaSet(d, replicaSets);
  const oldRSs = findOldReplicaSets(d, replicaSets);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    const { d: next, rs } = await syncExisting(ctx, d, existing, newRevision);
    return { d: next, newRS: rs, oldRSs };
  }
  if (!create) return { d, newRS: undefined, oldRSs };
  const { d: next, rs } = await createNew(ctx, d, oldRSs, newRevision);
  return { d: next, newRS: rs, oldRSs };
}
