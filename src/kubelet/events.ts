/**
 * The kubelet's events about a pod, worded as Kubernetes' kubelet words them (reason and message),
 * with source.component "kubelet". Best effort and never awaited: a slow or failing event write
 * never delays a pod's sync (recordEvent aggregates repeats into one Event with a count). Like
 * client-go's spam filter, each pod gets a burst of 25 events, then one per 5 minutes, so a probe
 * failing every second does not write to the store every second.
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

export interface EventSpamFilterOptions {
  burst?: number;
  /** One more event is allowed per this many milliseconds. */
  refillMs?: number;
}

/** A token bucket per pod (client-go's EventSourceObjectSpamFilter: burst 25, 1 per 5 min). */
export class EventSpamFilter {
  readonly #burst: number;
  readonly #refillMs: number;
  readonly #buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor({ burst = 25, refillMs = 300_000 }: EventSpamFilterOptions = {}) {
    this.#burst = burst;
    this.#refillMs = refillMs;
  }

  /** True when one more event about `key` may be recorded at `nowMs` (and takes its token). */
  allow(key: string, nowMs: number): boolean {
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, atMs: nowMs };
    const refilled = Math.min(this.#burst, bucket.tokens + Math.floor((nowMs - bucket.atMs) / this.#refillMs));
    const atMs = refilled === bucket.tokens ? bucket.atMs : nowMs;
    if (refilled < 1) {
      this.#buckets.set(key, { tokens: refilled, atMs });
      return false;
    }
    this.#buckets.set(key, { tokens: refilled - 1, atMs });
    return true;
  }

  /** Forgets every key starting with `prefix` (a pod that went away). */
  forget(prefix: string): void {
    for (const key of [...this.#buckets.keys()]) if (key.startsWith(prefix)) this.#buckets.delete(key);
  }
}

/** Records `event` about `pod` in the background, unless the pod is over its event budget. */
export function podEvent(
  ctx: Pick<KubeletContext, "client" | "now" | "log" | "eventFilter">,
  pod: Pod,
  event: KubeletEvent,
): void {
  if (!ctx.eventFilter.allow(pod.metadata.uid ?? "", ctx.now())) return;
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
