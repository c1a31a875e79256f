import { SlipwayError } from "../../api/errors.js";
import type { Deployment } from "../../api/types/apps.js";
import type { IntOrString } from "../../api/types/common.js";

/** spec.replicas with the API default (1) for an object written without defaults. */
export function desiredReplicas(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? "RollingUpdate") === "RollingUpdate";
}

/**
 * An int-or-percent resolved against `total`, as intstr.GetScaledValueFromIntOrPercent: an integer
 * is itself, "25%" of 10 is 3 when rounding up (surge) and 2 when rounding down (unavailable).
 */
export function scaledValue(value: IntOrString | undefined, fallback: IntOrString, total: number, roundUp: boolean) {
  const v = value ?? fallback;
  if (typeof v === "number") return v;
  const match = /^(\d+)%$/.exec(v);
  if (!match) {
    if (/^\d+$/.test(v)) return Number(v);
    throw new SlipwayError("Invalid", `invalid value for IntOrString: invalid type: string is not a percentage: ${v}`);
  }
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * maxSurge and maxUnavailable as absolute numbers (ResolveFenceposts): surge rounds up,
 * unavailable rounds down, and when both come out 0 unavailable becomes 1 so a rollout can move.
 */
export function resolveFenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const rolling = d.spec.strategy?.rollingUpdate;
  const replicas = desiredReplicas(d);
  const maxSurge = scaledValue(rolling?.maxSurge, "25%", replicas, true);
  let maxUnavailable = scaledValue(rolling?.maxUnavailable, "25%", replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** How many pods above spec.replicas a rolling update may run (0 for Recreate). */
export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).maxSurge : 0;
}

/** How many of spec.replicas may be unavailable during a rolling update (0 for Recreate), at most replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d).maxUnavailable, replicas);
}
