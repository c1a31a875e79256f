/**
 * Terminating a pod, in Kubernetes' order: SIGTERM every app container at once and wait up to the
 * grace period (deletionGracePeriodSeconds, else terminationGracePeriodSeconds) before SIGKILL;
 * then remove the containers, then the sandbox, then the pod's directory; and finally delete the
 * pod object with gracePeriodSeconds 0 so it goes away (unless it already left the store).
 */
import { isSlipwayError } from "../api/errors.js";
import type { Pod } from "../api/types/pod.js";
import { forgetPod, gracePeriod, type KubeletContext } from "./context.js";
import { kubeletMessages, podEvent } from "./events.js";
import { LABELS } from "./runtime/labels.js";
import { groupRunningPods } from "./runtime/running-pods.js";
import { removePodDir } from "./volumes.js";

/** Stops and removes every container of the pod `uid` on this node, sandboxes last. */
export async function killPodContainers(ctx: KubeletContext, uid: string, graceSeconds: number): Promise<void> {
  const listed = await ctx.runtime.listContainers({ [LABELS.podUid]: uid, [LABELS.node]: ctx.nodeName });
  const running = groupRunningPods(listed, ctx.nodeName).get(uid);
  if (!running) return;
  const containers = [...running.containers.values()].flat();
  await Promise.all(
    containers.map((c) => (c.state === "running" ? ctx.runtime.stopContainer(c.id, graceSeconds) : undefined)),
  );
  await Promise.all(containers.map((c) => ctx.runtime.removeContainer(c.id)));
  for (const sandbox of running.sandboxes) await ctx.runtime.removeContainer(sandbox.id);
}

export async function terminatePod(ctx: KubeletContext, pod: Pod, gone: boolean): Promise<void> {
  const uid = pod.metadata.uid ?? "";
  ctx.probes.retain(uid, new Set());
  for (const status of pod.status?.containerStatuses ?? []) {
    if (status.state?.running)
      podEvent(ctx, pod, { reason: "Killing", message: kubeletMessages.stopping(status.name) });
  }
  await killPodContainers(ctx, uid, gracePeriod(pod));
  await removePodDir(ctx.rootDir, uid);
  forgetPod(ctx, uid);
  if (gone) return;
  try {
    await ctx.client.delete("Pod", pod.metadata.namespace ?? "", pod.metadata.name ?? "", {
      gracePeriodSeconds: 0,
      uid,
    });
  } catch (error) {
    // Already gone, or a new pod took the name: either way this pod's object is not ours to delete.
    if (!isSlipwayError(error, "NotFound") && !isSlipwayError(error, "Conflict")) throw error;
  }
}
