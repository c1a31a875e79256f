import type { Node } from "../api/types/node.js";
import type { Pod } from "../api/types/pod.js";
import { NodeInfo } from "./framework/node-info.js";
import { type PodFacts, podFacts } from "./framework/pod-facts.js";

interface Placement {
  nodeName: string;
  /** Placed by this scheduler, not yet seen bound in the store (Kubernetes' assumed pods). */
  assumed: boolean;
}

/**
 * The scheduler's picture of the cluster: a NodeInfo per node with the pods placed on it. It is
 * fed by the informers (nodes, bound pods) and by the scheduler itself: a pod is "assumed" on its
 * node as soon as it is chosen, before the binding write returns, so the next decision already
 * counts it; the informer later confirms it, or `forget` undoes it when the binding fails.
 */
export class SchedulerCache {
  readonly #nodes = new Map<string, NodeInfo>();
  readonly #placements = new Map<string, Placement>();
  #list: NodeInfo[] | undefined;

  /** Every NodeInfo with a Node object, in a stable order (rebuilt only when nodes come or go). */
  nodeInfos(): readonly NodeInfo[] {
    this.#list ??= [...this.#nodes.values()].filter((n) => n.node !== undefined);
    return this.#list;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.#nodes.get(name);
  }

  addOrUpdateNode(node: Node): void {
    const name = node.metadata.name ?? "";
    const info = this.#nodes.get(name);
    if (info) {
      if (!info.node) this.#list = undefined;
      info.setNode(node);
    } else {
      this.#nodes.set(name, new NodeInfo(name, node));
      this.#list = undefined;
    }
  }

  /** Forgets the node; its pods stay counted under its name until they are deleted. */
  removeNode(name: string): void {
    const info = this.#nodes.get(name);
    if (!info) return;
    if (info.pods.size === 0) this.#nodes.delete(name);
    else info.node = undefined;
    this.#list = undefined;
  }

  /**
   * Counts a pod the store says is bound (and not finished), confirming an assumption. A pod's
   * requests and ports cannot change once it exists, so a pod already placed on the same node only
   * has its assumption confirmed.
   */
  addOrUpdatePod(pod: Pod): void {
    const nodeName = pod.spec.nodeName;
    if (!nodeName) return;
    const uid = pod.metadata.uid;
    const placement = uid === undefined ? undefined : this.#placements.get(uid);
    if (placement?.nodeName === nodeName) {
      placement.assumed = false;
      return;
    }
    const facts = podFacts(pod);
    this.#removePlacement(facts.uid);
    this.#place(facts, nodeName, false);
  }

  /** Stops counting the pod (deleted, finished). */
  removePod(pod: Pod): void {
    this.#removePlacement(podFacts(pod).uid);
  }

  /** Counts the pod on the node the scheduler chose, before the store confirms it. */
  assume(facts: PodFacts, nodeName: string): void {
    this.#removePlacement(facts.uid);
    this.#place(facts, nodeName, true);
  }

  /** Undoes `assume` after a failed binding; a no-op once the store has confirmed the pod. */
  forget(uid: string): void {
    if (this.#placements.get(uid)?.assumed) this.#removePlacement(uid);
  }

  /** True while the pod is placed (assumed or confirmed): the scheduler must not place it again. */
  isPlaced(uid: string): boolean {
    return this.#placements.has(uid);
  }

  #place(facts: PodFacts, nodeName: string, assumed: boolean): void {
    let info = this.#nodes.get(nodeName);
    if (!info) {
      info = new NodeInfo(nodeName);
      this.#nodes.set(nodeName, info);
    }
    info.addPod(facts);
    this.#placements.set(facts.uid, { nodeName, assumed });
  }

  #removePlacement(uid: string): void {
    const placement = this.#placements.get(uid);
    if (!placement) return;
    this.#placements.delete(uid);
    const info = this.#nodes.get(placement.nodeName);
    info?.removePod(uid);
    if (info && !info.node && info.pods.size === 0) this.#nodes.delete(placement.nodeName);
  }
}
