/**
 * One sync of a pod that should run: list its containers by uid (adopting what a previous kubelet
 * left), ensure the sandbox and volumes, converge every spec container, then write the status
 * with updateStatus only when it changed. A pod whose phase is Succeeded or Failed is finished:
 * its sandbox is stopped and nothing starts again.
 */
import { isSlipwayError } from "../api/errors.js";
import type { Pod, PodStatus } from "../api/types/pod.js";
import { type ContainerSyncResult, syncContainer } from "./container-sync.js";
import type { KubeletContext } from "./context.js";
import { ConfigError, DataReader } from "./env.js";
import { ensureSandbox } from "./pod-sandbox.js";
import { computePodStatus } from "./pod-status.js";
import type { SyncResult } from "./pod-workers.js";
import { LABELS } from "./runtime/labels.js";
import { groupRunningPods } from "./runtime/running-pods.js";
import { canonicalJson } from "./runtime/spec-hash.js";
import { preparePodVolumes } from "./volumes.js";

export async function syncPod(ctx: KubeletContext, pod: Pod): Promise<SyncResult> {
  const uid = pod.metadata.uid ?? "";
  const listed = await ctx.runtime.listContainers({ [LABELS.podUid]: uid, [LABELS.node]: ctx.nodeName });
  const running = groupRunningPods(listed, ctx.nodeName).get(uid);
  if (pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed") {
    // A finished pod never runs again: release its network, keep its containers for logs.
    for (const sandbox of running?.sandboxes ?? []) {
      if (sandbox.state === "running") await ctx.runtime.stopContainer(sandbox.id, 0);
    }
    ctx.probes.retain(uid, new Set());
    return {};
  }
  const { sandbox, created } = await ensureSandbox(ctx, pod, running);
  const reader = new DataReader(ctx.client);
  let volumes: Map<string, string> | ConfigError;
  try {
    volumes = await preparePodVolumes(pod, { root: ctx.rootDir, allowHostPath: ctx.allowHostPath, reader });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    volumes = error;
  }
  // Containers of one pod are independent: converge them side by side.
  const results: ContainerSyncResult[] = await Promise.all(
    pod.spec.containers.map((container) =>
      syncContainer(ctx, {
        pod,
        container,
        attempts: running?.containers.get(container.name) ?? [],
        sandbox,
        sandboxCreated: created,
        volumes,
        reader,
      }),
    ),
  );
  const keep = new Set(results.flatMap((r) => (r.observation.current ? [r.observation.current.id] : [])));
  ctx.probes.retain(uid, keep);
  const status = computePodStatus({
    pod,
    podIP: sandbox.ip,
    hostIP: ctx.hostIP,
    containers: results.map((r) => r.observation),
    now: new Date(ctx.now()),
  });
  await writeStatus(ctx, pod, status);
  const delays = results.flatMap((r) => (r.requeueAfterMs !== undefined ? [r.requeueAfterMs] : []));
  return delays.length > 0 ? { requeueAfterMs: Math.min(...delays) } : {};
}

/** Writes `status` unless the pod already has it; a conflict re-reads the pod once. */
async function writeStatus(ctx: KubeletContext, pod: Pod, status: PodStatus): Promise<void> {
  if (canonicalJson(status) === canonicalJson(pod.status ?? {})) return;
  try {
    await ctx.client.updateStatus({ ...structuredClone(pod), status });
  } catch (error) {
    if (!isSlipwayError(error, "Conflict")) throw error;
    const fresh = (await ctx.client.get("Pod", pod.metadata.namespace ?? "", pod.metadata.name ?? "")) as Pod;
    if (fresh.metadata.uid !== pod.metadata.uid || canonicalJson(status) === canonicalJson(fresh.status ?? {})) return;
    await ctx.client.updateStatus({ ...fresh, status });
  }
}
