import type { Client } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import type { Node } from "../../api/types/node.js";
import type { Pod } from "../../api/types/pod.js";
import { recordEvent } from "../events/record-event.js";
import { enqueueObject } from "../runtime/enqueue.js";
import { byNodeName } from "../runtime/indexer.js";
import { InformerFactory } from "../runtime/informer-factory.js";
import { type Log, stderrLog } from "../runtime/log.js";
import { runController } from "../runtime/run-controller.js";
import { WorkQueue } from "../runtime/work-queue.js";
import { evictionDelayMs, NODE_STATUS_UNKNOWN_MESSAGE, nodeHealth, UNREACHABLE_TAINT_KEY } from "./node-health.js";

const COMPONENT = "node-controller";

export interface StartNodeLifecycleOptions {
  client: Client;
  signal: AbortSignal;
  /** A Ready heartbeat older than this marks the node Unknown and taints it (Kubernetes: 40 s). */
  gracePeriodMs?: number;
  /** Pods on a tainted node are deleted this long after the taint (Kubernetes: 300 s). */
  evictionMs?: number;
  /** How often every node is looked at again, since time passing is no event (default 5 s). */
  monitorPeriodMs?: number;
  now?: () => Date;
  log?: Log;
  informers?: InformerFactory;
}

function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Runs the node lifecycle controller until the signal aborts (resolves when it has stopped).
 * Every node change and every monitor period re-checks each node: a stale heartbeat sets every
 * condition to Unknown (reason NodeStatusUnknown) and adds the unreachable NoExecute taint; once
 * the taint is `evictionMs` old (or the pod's own tolerationSeconds), the node's pods are deleted
 * with grace 0 so their controllers replace them; a fresh Ready heartbeat lifts the taint.
 * Wire into `slipway up` as `void startNodeLifecycle({ client, signal })`.
 */
export async function startNodeLifecycle({
  client,
  signal,
  gracePeriodMs = 40_000,
  evictionMs = 300_000,
  monitorPeriodMs = 5_000,
  now = () => new Date(),
  log = stderrLog,
  informers,
}: StartNodeLifecycleOptions): Promise<void> {
  const factory = informers ?? new InformerFactory(client, { log });
  const queue = new WorkQueue<string>();
  const nodes = factory.informer<Node>("Node");
  const pods = factory.informer<Pod>("Pod", {}, { nodeName: byNodeName });
  nodes.addEventHandler(enqueueObject(queue));

  const event = (obj: Node | Pod, reason: string, message: string) =>
    void recordEvent(client, { involvedObject: obj, reason, message, component: COMPONENT, now, log });

  const markUnknown = async (node: Node, at: Date): Promise<Node> => {
    const next = structuredClone(node);
    const conditions = next.status?.conditions ?? [];
    if (!conditions.some((c) => c.type === "Ready")) conditions.push({ type: "Ready", status: "Unknown" });
    for (const condition of conditions) {
      if (condition.status !== "Unknown") condition.lastTransitionTime = timestamp(at);
      condition.status = "Unknown";
      condition.reason = "NodeStatusUnknown";
      condition.message = NODE_STATUS_UNKNOWN_MESSAGE;
    }
    next.status = { ...next.status, conditions };
    const written = (await client.updateStatus(next)) as Node;
    event(node, "NodeNotReady", `Node ${node.metadata.name} status is now: NodeNotReady`);
    return written;
  };

  const setTaint = async (node: Node, at: Date | undefined): Promise<void> => {
    const next = structuredClone(node);
    const others = (node.spec?.taints ?? []).filter(
      (t) => !(t.key === UNREACHABLE_TAINT_KEY && t.effect === "NoExecute"),
    );
    const taints = at
      ? [...others, { key: UNREACHABLE_TAINT_KEY, effect: "NoExecute" as const, timeAdded: timestamp(at) }]
      : others;
    next.spec = { ...next.spec, taints };
    if (taints.length === 0) delete next.spec.taints;
    await client.update(next);
  };

  const evict = async (node: Node, taintedAt: number, at: number): Promise<void> => {
    for (const pod of pods.cache.byIndex("nodeName", node.metadata.name ?? "")) {
      const delay = evictionDelayMs(pod, evictionMs);
      if (delay === undefined || taintedAt + delay > at) continue;
      const { namespace = "", name = "", uid = "" } = pod.metadata;
      try {
        await client.delete("Pod", namespace, name, { uid, gracePeriodSeconds: 0 });
        event(pod, "TaintManagerEviction", `Marking for deletion Pod ${namespace}/${name}`);
      } catch (error) {
        if (!isSlipwayError(error, "NotFound")) throw error;
      }
    }
  };

  const sync = async (key: string): Promise<void> => {
    let node = nodes.cache.get(key);
    if (!node) return;
    const at = now();
    const health = nodeHealth(node, at.getTime(), gracePeriodMs);
    if (!health.stale) {
      if (health.ready === "True" && health.taint) await setTaint(node, undefined);
      return;
    }
    if (health.ready !== "Unknown") node = await markUnknown(node, at);
    if (!health.taint) return setTaint(node, at);
    const taintedAt = Date.parse(health.taint.timeAdded ?? "");
    await evict(node, Number.isFinite(taintedAt) ? taintedAt : at.getTime(), at.getTime());
  };

  const timer = setInterval(() => {
    for (const key of nodes.cache.keys()) queue.add(key);
  }, monitorPeriodMs);
  factory.start();
  try {
    await runController({ name: COMPONENT, queue, sync, signal, log });
  } finally {
    clearInterval(timer);
    if (!informers) factory.stop();
  }
}
