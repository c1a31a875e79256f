import type { Node, Taint } from "../../api/types/node.js";
import { type HostPort, type PodFacts, WILDCARD_IP } from "./pod-facts.js";
import { nodeAllocatable, type Resources } from "./resources.js";

/**
 * One node as the scheduler sees it: the node's own facts (precomputed when the node changes) and
 * the sums over the pods placed on it (kept up to date as pods are added and removed), so that a
 * filter or score costs a few comparisons. The node may be unknown yet (pods bound to a node the
 * scheduler has not seen): then `node` is undefined and the node is never a candidate.
 */
export class NodeInfo {
  readonly name: string;
  node: Node | undefined;
  labels: Readonly<Record<string, string>> = {};
  /** The Ready condition is True. */
  ready = false;
  unschedulable = false;
  /** Only the taints that keep pods away (NoSchedule, NoExecute). */
  taints: readonly Taint[] = [];
  allocatable: Readonly<Resources & { pods: number }> = { milliCpu: 0, memory: 0, pods: 0 };

  readonly pods = new Map<string, PodFacts>();
  /** Sum of the requests of the pods on the node. */
  readonly requested: Resources = { milliCpu: 0, memory: 0 };
  /** Same with Kubernetes' defaults for pods without requests, for scoring. */
  readonly nonZeroRequested: Resources = { milliCpu: 0, memory: 0 };
  /** `protocol/port` → the addresses it is taken on (one entry per claim). */
  readonly usedPorts = new Map<string, string[]>();
  /** Controller owner uid → how many of its pods run here. */
  readonly ownerCounts = new Map<string, number>();

  constructor(name: string, node?: Node) {
    this.name = name;
    if (node) this.setNode(node);
  }

  /** Recomputes the node's own facts. */
  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.ready = node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
    this.unschedulable = node.spec?.unschedulable === true;
    this.taints = (node.spec?.taints ?? []).filter((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");
    this.allocatable = nodeAllocatable(node.status?.allocatable, node.status?.capacity);
  }

  /** Counts the pod on this node; a pod already counted (by uid) is replaced. */
  addPod(facts: PodFacts): void {
    this.removePod(facts.uid);
    this.pods.set(facts.uid, facts);
    this.#account(facts, 1);
  }

  /** Stops counting the pod; returns whether it was counted. */
  removePod(uid: string): boolean {
    const facts = this.pods.get(uid);
    if (!facts) return false;
    this.pods.delete(uid);
    this.#account(facts, -1);
    return true;
  }

  /** True when a pod claiming `port` would collide with a pod already on this node. */
  portInUse(port: HostPort): boolean {
    const ips = this.usedPorts.get(`${port.protocol}/${port.port}`);
    if (!ips) return false;
    if (port.ip === WILDCARD_IP) return ips.length > 0;
    for (const ip of ips) if (ip === port.ip || ip === WILDCARD_IP) return true;
    return false;
  }

  #account(facts: PodFacts, sign: 1 | -1): void {
    this.requested.milliCpu += sign * facts.requests.milliCpu;
    this.requested.memory += sign * facts.requests.memory;
    this.nonZeroRequested.milliCpu += sign * facts.nonZeroRequests.milliCpu;
    this.nonZeroRequested.memory += sign * facts.nonZeroRequests.memory;
    for (const port of facts.hostPorts) {
      const key = `${port.protocol}/${port.port}`;
      const ips = this.usedPorts.get(key) ?? [];
      if (sign > 0) ips.push(port.ip);
      else ips.splice(ips.indexOf(port.ip), 1);
      if (ips.length > 0) this.usedPorts.set(key, ips);
      else this.usedPorts.delete(key);
    }
    if (facts.controllerUid) {
      const count = (this.ownerCounts.get(facts.controllerUid) ?? 0) + sign;
      if (count > 0) this.ownerCounts.set(facts.controllerUid, count);
      else this.ownerCounts.delete(facts.controllerUid);
    }
  }
}
