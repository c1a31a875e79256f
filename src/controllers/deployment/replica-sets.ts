import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import { revisionOf } from "./annotations.js";
import { desiredReplicas, maxSurge } from "./fenceposts.js";
import { equalIgnoreHash } from "./hash.js";

/** spec.replicas with the API default (1). */
export function replicasOf(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 1;
}

function byName(a: ReplicaSet, b: ReplicaSet): number {
  const [x, y] = [a.metadata.name ?? "", b.metadata.name ?? ""];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Oldest first; ties broken by name (ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const [x, y] = [a.metadata.creationTimestamp ?? "", b.metadata.creationTimestamp ?? ""];
  return x === y ? byName(a, b) : x < y ? -1 : 1;
}

/** Lowest revision first; ties by creation (ReplicaSetsByRevision). */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const diff = revisionOf(a) - revisionOf(b);
  return diff === 0 ? byCreation(a, b) : diff;
}

/** The oldest ReplicaSet whose template equals the Deployment's, ignoring the hash label. */
export function findNewReplicaSet(d: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...replicaSets].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

/** Every ReplicaSet but the new one. */
export function findOldReplicaSets(d: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, replicaSets);
  return replicaSets.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

/** ReplicaSets asked to run at least one pod. */
export function filterActive(replicaSets: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return replicaSets.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);
}

function sum(replicaSets: readonly (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number): number {
  return replicaSets.reduce((total, rs) => total + (rs ? f(rs) : 0), 0);
}

/** Sum of spec.replicas: the pods asked for. */
export const specReplicas = (rss: readonly (ReplicaSet | undefined)[]) => sum(rss, replicasOf);
/** Sum of status.replicas: the pods that exist. */
export const actualReplicas = (rss: readonly (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicas = (rss: readonly (ReplicaSet | undefined)[]) =>
  sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicas = (rss: readonly (ReplicaSet | undefined)[]) =>
  sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/**
 * The one ReplicaSet that should take every replica when at most one is active: the active one,
 * or the newest when none is (FindActiveOrLatest). Undefined when several are active.
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]) {
  if (!newRS && oldRSs.length === 0) return undefined;
  const all = [...oldRSs, ...(newRS ? [newRS] : [])].sort(byCreation).reverse();
  const active = filterActive(all);
  if (active.length === 0) return all[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** True when the new ReplicaSet runs all desired replicas and all are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.["deployment.kubernetes.io/desired-replicas"];
  return (
    desired === String(desiredReplicas(d)) &&
    replicasOf(rs) === desiredReplicas(d) &&
    (rs.status?.availableReplicas ?? 0) === desiredReplicas(d)
  );
}

/**
 * How many replicas the new ReplicaSet should have now (NewRSNewReplicas): a rolling update grows
 * it while the total stays within replicas + maxSurge; Recreate asks for all at once.
 */
export function newReplicaSetReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const replicas = desiredReplicas(d);
  if ((d.spec.strategy?.type ?? "RollingUpdate") === "Recreate") return replicas;
  const current = specReplicas(allRSs);
  const maxTotal = replicas + maxSurge(d);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, replicas - replicasOf(newRS));
}
