/** Pure facts about pods the replication controllers count and rank by. */
import type { Pod } from "../../api/types/pod.js";

/** Counts toward replicas: not being deleted and not finished (Succeeded or Failed). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !pod.metadata.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed";
}

/** The pod's Ready condition says True. */
export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === "True";
}

/**
 * Ready for at least `minReadySeconds` (measured from the Ready condition's lastTransitionTime);
 * with 0 every ready pod is available.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = Date.parse(readyCondition(pod)?.lastTransitionTime ?? "");
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now;
}

/** Milliseconds until a ready pod becomes available, or undefined if it is not ready or already is. */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  if (!isPodReady(pod) || minReadySeconds <= 0) return undefined;
  const since = Date.parse(readyCondition(pod)?.lastTransitionTime ?? "");
  if (!Number.isFinite(since)) return undefined;
  const left = since + minReadySeconds * 1000 - now;
  return left > 0 ? left : undefined;
}

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === "Ready");
}

const PHASE_RANK: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((s) => s.restartCount));
}

function created(pod: Pod): number {
  const t = Date.parse(pod.metadata.creationTimestamp ?? "");
  return Number.isFinite(t) ? t : 0;
}

/**
 * Kubernetes' ActivePods order for scale-down: pods earlier in this order are deleted first.
 * Unscheduled before scheduled, Pending before Unknown before Running, not ready before ready,
 * more restarts before fewer, newer before older; the name breaks ties so the order is total.
 */
export function compareForDeletion(a: Pod, b: Pod): number {
  const scheduled = Number(Boolean(a.spec?.nodeName)) - Number(Boolean(b.spec?.nodeName));
  if (scheduled !== 0) return scheduled;
  const phase = (PHASE_RANK[a.status?.phase ?? "Pending"] ?? 0) - (PHASE_RANK[b.status?.phase ?? "Pending"] ?? 0);
  if (phase !== 0) return phase;
  const ready = Number(isPodReady(a)) - Number(isPodReady(b));
  if (ready !== 0) return ready;
  const restartDiff = restarts(b) - restarts(a);
  if (restartDiff !== 0) return restartDiff;
  const age = created(b) - created(a);
  if (age !== 0) return age;
  return (a.metadata.name ?? "").localeCompare(b.metadata.name ?? "");
}

/** The `n` pods to delete when scaling down, in deletion order. */
export function podsToDelete(pods: readonly Pod[], n: number): Pod[] {
  return [...pods].sort(compareForDeletion).slice(0, Math.max(0, n));
}
