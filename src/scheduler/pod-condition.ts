import type { PodCondition, PodStatus } from "../api/types/pod.js";

/**
 * Returns a copy of `status` with the condition of `condition.type` set. lastTransitionTime moves
 * only when the condition's status changes. Returns undefined when nothing would change, so the
 * caller can skip the write.
 */
export function withPodCondition(
  status: PodStatus | undefined,
  condition: Omit<PodCondition, "lastTransitionTime" | "lastProbeTime">,
  now: () => Date = () => new Date(),
): PodStatus | undefined {
  const conditions = status?.conditions ?? [];
  const index = conditions.findIndex((c) => c.type === condition.type);
  const existing = conditions[index];
  if (
    existing &&
    existing.status === condition.status &&
    existing.reason === condition.reason &&
    existing.message === condition.message
  ) {
    return undefined;
  }
  const transition =
    existing && existing.status === condition.status && existing.lastTransitionTime
      ? existing.lastTransitionTime
      : now()
          .toISOString()
          .replace(/\.\d+Z$/, "Z");
  const next: PodCondition = { ...condition, lastProbeTime: null, lastTransitionTime: transition };
  const updated = index < 0 ? [...conditions, next] : conditions.map((c, i) => (i === index ? next : c));
  return { phase: "Pending", ...status, conditions: updated };
}
