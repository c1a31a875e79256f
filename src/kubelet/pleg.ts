/**
 * The pod lifecycle event generator, like the kubelet's generic PLEG: relists the node's labelled
 * containers on a short period and reports the pods whose containers changed state (started,
 * exited, appeared, disappeared) since the last relist, so their workers sync now rather than at
 * the next periodic resync. This is how a crash is noticed within a second, and so how
 * CrashLoopBackOff and its growing back-off are reported while they last.
 */
import type { ContainerRuntime, ContainerState } from "./runtime/container-runtime.js";
import { LABELS } from "./runtime/labels.js";

export class PodLifecycleRelister {
  readonly #runtime: ContainerRuntime;
  readonly #nodeName: string;
  /** Container id → pod uid and state, as of the last relist; undefined before the first. */
  #last: Map<string, { uid: string; state: ContainerState }> | undefined;

  constructor(runtime: ContainerRuntime, nodeName: string) {
    this.#runtime = runtime;
    this.#nodeName = nodeName;
  }

  /** Lists once; resolves with the uids of pods whose containers changed (none on the first call). */
  async relist(): Promise<Set<string>> {
    const listed = await this.#runtime.listContainers({ [LABELS.node]: this.#nodeName });
    const now = new Map<string, { uid: string; state: ContainerState }>();
    for (const c of listed) {
      const uid = c.labels[LABELS.podUid];
      if (uid) now.set(c.id, { uid, state: c.state });
    }
    const before = this.#last;
    this.#last = now;
    const changed = new Set<string>();
    if (!before) return changed;
    for (const [id, c] of now) if (before.get(id)?.state !== c.state) changed.add(c.uid);
    for (const [id, c] of before) if (!now.has(id)) changed.add(c.uid);
    return changed;
  }
}
