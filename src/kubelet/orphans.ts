/**
 * Housekeeping of containers whose pod is gone: lists the containers labelled for this node, and
 * stops and removes those whose pod uid is neither known nor being worked on. Containers without
 * Slipway's labels, or labelled for another node, are never touched.
 */
import type { KubeletContext } from "./context.js";
import { killPodContainers } from "./pod-termination.js";
import { LABELS } from "./runtime/labels.js";
import { groupRunningPods } from "./runtime/running-pods.js";
import { removePodDir } from "./volumes.js";

/** Removes the orphans and returns their pod uids. */
export async function removeOrphans(ctx: KubeletContext, known: Set<string>, graceSeconds = 2): Promise<string[]> {
  const listed = await ctx.runtime.listContainers({ [LABELS.node]: ctx.nodeName });
  const orphans = [...groupRunningPods(listed, ctx.nodeName).keys()].filter((uid) => !known.has(uid));
  for (const uid of orphans) {
    await killPodContainers(ctx, uid, graceSeconds);
    await removePodDir(ctx.rootDir, uid);
  }
  return orphans;
}
