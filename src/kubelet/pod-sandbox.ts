/**
 * Ensures a pod's sandbox: adopts the newest one when it runs and its hash matches; otherwise
 * removes the pod's containers (they lived in the old network namespace) and creates the next
 * attempt.
 */
import type { Pod } from "../api/types/pod.js";
import { type KubeletContext, podRef } from "./context.js";
import type { PortMapping, Sandbox } from "./runtime/container-runtime.js";
import type { RunningPod } from "./runtime/running-pods.js";
import { specHash } from "./runtime/spec-hash.js";

function sandboxPorts(pod: Pod): PortMapping[] {
  return pod.spec.containers.flatMap((c) =>
    (c.ports ?? [])
      .filter((p) => p.hostPort !== undefined && p.hostPort > 0)
      .map((p) => ({
        containerPort: p.containerPort,
        ...(p.hostPort !== undefined ? { hostPort: p.hostPort } : {}),
        ...(p.hostIP ? { hostIp: p.hostIP } : {}),
        protocol: p.protocol === "UDP" ? ("UDP" as const) : ("TCP" as const),
      })),
  );
}

export interface EnsuredSandbox {
  sandbox: Sandbox;
  /** True when it was created now: every container of the pod is gone with the old one. */
  created: boolean;
}

export async function ensureSandbox(
  ctx: KubeletContext,
  pod: Pod,
  running: RunningPod | undefined,
): Promise<EnsuredSandbox> {
  const ports = sandboxPorts(pod);
  const hostname = pod.spec.hostname ?? pod.metadata.name;
  const hash = specHash({ hostname, ports });
  const newest = running?.sandboxes[0];
  if (newest?.state === "running" && newest.identity.specHash === hash) {
    const details = await ctx.runtime.inspect(newest.id);
    if (details?.state === "running" && details.ip) {
      return { sandbox: { id: newest.id, name: newest.name, ip: details.ip }, created: false };
    }
  }
  // Containers of an old sandbox lost their network: stop them, keep the newest of each for logs.
  const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
  for (const attempts of running?.containers.values() ?? []) {
    await Promise.all(
      attempts.map((c) => (c.state === "running" ? ctx.runtime.stopContainer(c.id, grace) : undefined)),
    );
  }
  for (const old of running?.sandboxes ?? []) await ctx.runtime.removeContainer(old.id);
  const uid = pod.metadata.uid ?? "";
  const key = `${uid}/POD`;
  const attempt = Math.max(ctx.attempts.get(key) ?? -1, newest?.identity.attempt ?? -1) + 1;
  const sandbox = await ctx.runtime.createSandbox({
    pod: podRef(pod),
    node: ctx.nodeName,
    ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
    specHash: hash,
    attempt,
    ...(hostname ? { hostname } : {}),
    ...(ports.length > 0 ? { ports } : {}),
  });
  ctx.attempts.set(key, attempt);
  return { sandbox, created: true };
}
