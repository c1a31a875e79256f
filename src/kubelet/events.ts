/**
 * The kubelet's events about a pod, worded as Kubernetes' kubelet words them (reason and message),
 * with source.component "kubelet". Best effort and never awaited: a slow or failing event write
 * never delays a pod's sync (recordEvent aggregates repeats into one Event with a count).
 */
import type { KubeObject } from "../api/object.js";
import type { Pod } from "../api/types/pod.js";
import { recordEvent } from "../controllers/events/index.js";
import type { KubeletContext } from "./context.js";

export const KUBELET_COMPONENT = "kubelet";

export type KubeletEventReason =
  | "Pulling"
  | "Pulled"
  | "Failed"
  | "BackOff"
  | "Created"
  | "Started"
  | "Killing"
  | "Unhealthy";

export interface KubeletEvent {
  reason: KubeletEventReason;
  message: string;
  type?: "Normal" | "Warning";
}

/** Records `event` about `pod` in the background. */
export function podEvent(ctx: Pick<KubeletContext, "client" | "now" | "log">, pod: Pod, event: KubeletEvent): void {
  void recordEvent(ctx.client, {
    involvedObject: pod as KubeObject,
    reason: event.reason,
    message: event.message,
    type: event.type ?? "Normal",
    component: KUBELET_COMPONENT,
    now: () => new Date(ctx.now()),
    log: ctx.log,
  });
}

/** The kubelet's messages, in one place so they stay Kubernetes' wording. */
export const kubeletMessages = {
  alreadyPresent: (image: string) => `Container image "${image}" already present on machine`,
  pulled: (image: string) => `Successfully pulled image "${image}"`,
  pullFailed: (image: string, why: string) => `Failed to pull image "${image}": ${why}`,
  pullBackOff: (image: string) => `Back-off pulling image "${image}"`,
  restartBackOff: (container: string, pod: Pod) =>
    `Back-off restarting failed container ${container} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
  created: (container: string) => `Created container ${container}`,
  started: (container: string) => `Started container ${container}`,
  error: (reason: string) => `Error: ${reason}`,
  stopping: (container: string) => `Stopping container ${container}`,
  drifted: (container: string) => `Container ${container} definition changed, will be restarted`,
  /** `why` is the probe manager's "Liveness probe failed" or "Startup probe failed". */
  unhealthyKill: (container: string, why: string) =>
    `Container ${container} failed ${(why.split(" ")[0] ?? "").toLowerCase()} probe, will be restarted`,
  probeFailed: (kind: string, output: string) =>
    `${kind[0]?.toUpperCase() ?? ""}${kind.slice(1)} probe failed: ${output}`,
} as const;
