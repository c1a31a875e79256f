/** What every part of one kubelet shares: its clients, its node, its clock and its memory of pods. */
import type { Client } from "../api/client.js";
import type { Pod } from "../api/types/pod.js";
import type { BackOff } from "./backoff.js";
import type { EventSpamFilter } from "./events.js";
import type { ProbeManager } from "./probe-manager.js";
import type { ContainerRuntime, PodRef } from "./runtime/container-runtime.js";

export interface KubeletContext {
  client: Client;
  runtime: ContainerRuntime;
  nodeName: string;
  hostIP: string;
  /** Per-pod directories (volumes) live under here. */
  rootDir: string;
  allowHostPath: boolean;
  now: () => number;
  restartBackOff: BackOff;
  pullBackOff: BackOff;
  probes: ProbeManager;
  /**
   * The highest attempt started per `uid/container`, and when a container last ended without the
   * runtime telling when (a failed start): so a container removed from outside comes back with its
   * restart count one higher.
   */
  attempts: Map<string, number>;
  endedAt: Map<string, number>;
  /** Budgets the events recorded per pod. */
  eventFilter: EventSpamFilter;
  log: (message: string) => void;
}

export function podRef(pod: Pod): PodRef {
  return { uid: pod.metadata.uid ?? "", namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "" };
}

/** Seconds a pod's containers get between SIGTERM and SIGKILL. */
export function gracePeriod(pod: Pod): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
}

/** Forgets everything kept in memory about a pod. */
export function forgetPod(ctx: KubeletContext, uid: string): void {
  ctx.restartBackOff.forget(`${uid}/`);
  ctx.pullBackOff.forget(`${uid}/`);
  for (const map of [ctx.attempts, ctx.endedAt])
    for (const key of [...map.keys()]) if (key.startsWith(`${uid}/`)) map.delete(key);
  ctx.probes.retain(uid, new Set());
  ctx.eventFilter.forget(uid);
}
