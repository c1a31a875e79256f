/** What imagePullPolicy asks for, given whether the image is already present. Pure. */
import type { PullPolicy } from "./container-runtime.js";

export type PullDecision = "use-present" | "pull" | "fail-never-pull";

export function decidePull(policy: PullPolicy, present: boolean): PullDecision {
  if (policy === "Always") return "pull";
  if (present) return "use-present";
  return policy === "Never" ? "fail-never-pull" : "pull";
}

/** Kubernetes' message for a missing image under `Never`. */
export function neverPullMessage(image: string): string {
  return `Container image "${image}" is not present with pull policy of Never`;
}

/** Kubernetes' default policy: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): PullPolicy {
  if (image.includes("@")) return "IfNotPresent";
  const lastPart = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastPart.includes(":") ? lastPart.slice(lastPart.indexOf(":") + 1) : "";
  return tag === "" || tag === "latest" ? "Always" : "IfNotPresent";
}
