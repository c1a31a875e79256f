import type { Client } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import type { LabelSelector } from "../../api/selector/index.js";
import type { Pod } from "../../api/types/pod.js";
import { controllerRef } from "../runtime/enqueue.js";
import type { ReplicaKind, ReplicaOwner } from "./replica-kind.js";

/**
 * Kubernetes' ClaimPods: of the candidate pods, the ones the owner controls after this call.
 * - A pod it controls that still matches is kept; one that stopped matching is released (its
 *   ownerReference removed) unless the owner is being deleted.
 * - A pod nobody controls that matches is adopted (a controller ownerReference added), unless the
 *   pod or the owner is being deleted.
 * - Pods controlled by someone else are left alone.
 * Adoption and release are updates guarded by the pod's resourceVersion; a pod that vanished is
 * skipped, a Conflict is thrown so the sync is retried after a fresh read.
 */
export async function claimPods(
  client: Client,
  owner: ReplicaOwner,
  kind: ReplicaKind,
  selector: LabelSelector,
  candidates: readonly Pod[],
): Promise<Pod[]> {
  const uid = owner.metadata.uid;
  const claimed: Pod[] = [];
  for (const pod of candidates) {
    const ref = controllerRef(pod);
    const matches = selector.matches(pod.metadata.labels);
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches) claimed.push(pod);
      else if (!owner.metadata.deletionTimestamp) await ignoreGone(release(client, pod, uid));
      continue;
    }
    if (!matches || pod.metadata.deletionTimestamp || owner.metadata.deletionTimestamp) continue;
    const adopted = await ignoreGone(adopt(client, owner, kind, pod));
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

async function adopt(client: Client, owner: ReplicaOwner, kind: ReplicaKind, pod: Pod): Promise<Pod> {
  const next = structuredClone(pod);
  next.metadata.ownerReferences = [
    ...(pod.metadata.ownerReferences ?? []),
    {
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      name: owner.metadata.name ?? "",
      uid: owner.metadata.uid ?? "",
      controller: true,
      blockOwnerDeletion: true,
    },
  ];
  return (await client.update(next)) as Pod;
}

async function release(client: Client, pod: Pod, uid: string | undefined): Promise<Pod> {
  const next = structuredClone(pod);
  const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
  if (refs.length > 0) next.metadata.ownerReferences = refs;
  else delete next.metadata.ownerReferences;
  return (await client.update(next)) as Pod;
}

async function ignoreGone<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return undefined;
    throw error;
  }
}
