import type { Client } from "../api/client.js";
import type { Node } from "../api/types/node.js";
import type { Pod } from "../api/types/pod.js";
import { recordEvent } from "../controllers/events/index.js";
import { cacheKey } from "../controllers/runtime/cache-key.js";
import { createInformer } from "../controllers/runtime/informer.js";
import { type Log, stderrLog } from "../controllers/runtime/log.js";
import { runController } from "../controllers/runtime/run-controller.js";
import { WorkQueue } from "../controllers/runtime/work-queue.js";
import { failureMessage } from "./failure-message.js";
import { findNode, ScoreBuffers } from "./find-node.js";
import type { Profile } from "./framework/plugin.js";
import { podFacts } from "./framework/pod-facts.js";
import { defaultProfile } from "./plugins/index.js";
import {
  DEFAULT_SCHEDULER_NAME,
  needsScheduling,
  nodeSchedulingChanged,
  occupiesNode,
  podSpecChanged,
} from "./pod-filters.js";
import { writeScheduled, writeUnschedulable } from "./pod-status-writes.js";
import { SchedulerCache } from "./scheduler-cache.js";
import { UnschedulablePods } from "./unschedulable-pods.js";

export interface SchedulerOptions {
  client: Client;
  /** Aborting stops the scheduler: no new decisions, bindings in flight finish. */
  signal?: AbortSignal;
  log?: Log;
  /** Pods whose spec.schedulerName is this (or unset, for the default) are ours. */
  schedulerName?: string;
  profile?: Profile;
  /** Unschedulable pods are retried at least this often, even if nothing changed (default 30 s). */
  unschedulableRetryMs?: number;
  /** Binding writes in flight at once; scheduling waits for a free slot (default 128). */
  maxBindsInFlight?: number;
  /** Whether to write Scheduled / FailedScheduling Events (default true). */
  events?: boolean;
  /** Tie-breaking among equally good nodes; [0, 1) like Math.random. */
  random?: () => number;
  now?: () => Date;
}

export interface SchedulerStats {
  /** Pods bound to a node. */
  scheduled: number;
  /** Scheduling attempts that found no node. */
  unschedulable: number;
  /** Binding writes that failed (the pod is retried). */
  bindFailures: number;
}

export interface Scheduler {
  /** Resolves true once pods and nodes are listed and scheduling begins; false if stopped first. */
  readonly synced: Promise<boolean>;
  /** Resolves once stopped: the queue is shut down, bindings in flight settled, informers stopped. */
  readonly done: Promise<void>;
  stats(): SchedulerStats;
}

/**
 * Runs the scheduler against the store: watches pods and nodes, places every pending pod that is
 * ours on the best node (filter, score, bind) one pod at a time, and writes PodScheduled and an
 * Event for each decision. Pods that fit nowhere wait in an unschedulable set, retried when a node
 * is added or changes in a way that matters, when a bound pod goes away, and periodically.
 */
export function startScheduler({
  client,
  signal,
  log = stderrLog,
  schedulerName = DEFAULT_SCHEDULER_NAME,
  profile = defaultProfile,
  unschedulableRetryMs = 30_000,
  maxBindsInFlight = 128,
  events = true,
  random = Math.random,
  now = () => new Date(),
}: SchedulerOptions): Scheduler {
  const pods = createInformer<Pod>(client, "Pod", { log });
  const nodes = createInformer<Node>(client, "Node", { log });
  const cache = new SchedulerCache();
  const queue = new WorkQueue<string>();
  const unschedulable = new UnschedulablePods(queue);
  const buffers = new ScoreBuffers();
  const binds = new Set<Promise<void>>();
  const stats: SchedulerStats = { scheduled: 0, unschedulable: 0, bindFailures: 0 };
  const event = (pod: Pod, reason: string, message: string, type: "Normal" | "Warning") => {
    if (!events) return;
    void recordEvent(client, { involvedObject: pod, reason, message, type, component: schedulerName, now, log });
  };

  pods.addEventHandler({
    onAdd: (pod) => {
      if (occupiesNode(pod)) cache.addOrUpdatePod(pod);
      else if (needsScheduling(pod, schedulerName)) queue.add(cacheKey(pod));
    },
    onUpdate: (old, pod) => {
      const key = cacheKey(pod);
      if (pod.spec.nodeName) {
        unschedulable.delete(key);
        if (occupiesNode(pod)) cache.addOrUpdatePod(pod);
        else if (occupiesNode(old)) {
          cache.removePod(pod);
          unschedulable.retryAll();
        }
      } else if (needsScheduling(pod, schedulerName)) {
        // Our own status writes come back as updates: they change nothing the filters read.
        if (unschedulable.has(key) && !podSpecChanged(old, pod)) return;
        unschedulable.delete(key);
        queue.add(key);
      } else {
        unschedulable.delete(key);
      }
    },
    onDelete: (pod) => {
      unschedulable.delete(cacheKey(pod));
      if (!pod.spec.nodeName) return;
      cache.removePod(pod);
      unschedulable.retryAll();
    },
  });
  nodes.addEventHandler({
    onAdd: (node) => {
      cache.addOrUpdateNode(node);
      unschedulable.retryAll();
    },
    onUpdate: (old, node) => {
      cache.addOrUpdateNode(node);
      if (old !== node && nodeSchedulingChanged(old, node)) unschedulable.retryAll();
    },
    onDelete: (node) => cache.removeNode(node.metadata.name ?? ""),
  });

  async function bind(pod: Pod, key: string, uid: string, nodeName: string): Promise<void> {
    let bound: Pod;
    try {
      bound = await profile.bind.bind(client, pod, nodeName);
    } catch (error) {
      cache.forget(uid);
      stats.bindFailures++;
      const delay = queue.addRateLimited(key);
      log(`scheduler: binding ${key} to ${nodeName} failed (retry in ${delay} ms): ${String(error)}`);
      return;
    }
    stats.scheduled++;
    queue.forget(key);
    event(bound, "Scheduled", `Successfully assigned ${key} to ${nodeName}`, "Normal");
    try {
      await writeScheduled(client, bound, now);
    } catch (error) {
      // The pod is bound; the kubelet reports PodScheduled too, so this is not retried.
      log(`scheduler: setting PodScheduled on ${key} failed: ${String(error)}`);
    }
  }

  /** One scheduling cycle for one pod; the binding write continues in the background. */
  async function scheduleOne(key: string): Promise<void> {
    const pod = pods.cache.get(key);
    if (!pod || !needsScheduling(pod, schedulerName)) {
      unschedulable.delete(key);
      return;
    }
    const facts = podFacts(pod);
    if (cache.isPlaced(facts.uid)) return; // chosen already; its binding is in flight
    const placement = findNode(cache.nodeInfos(), profile, { facts }, random, buffers);
    if (placement.nodeName === undefined) {
      stats.unschedulable++;
      const message = failureMessage(placement.total, placement.reasons);
      unschedulable.add(key); // before the write, so the update it causes is recognised as ours
      try {
        await writeUnschedulable(client, pod, message, now);
      } catch (error) {
        unschedulable.delete(key);
        throw error;
      }
      event(pod, "FailedScheduling", message, "Warning");
      return;
    }
    cache.assume(facts, placement.nodeName);
    while (binds.size >= maxBindsInFlight) await Promise.race(binds);
    const binding = bind(pod, key, facts.uid, placement.nodeName).finally(() => binds.delete(binding));
    binds.add(binding);
  }

  const retryTimer = setInterval(() => unschedulable.retryAll(), unschedulableRetryMs);
  retryTimer.unref();
  pods.start();
  nodes.start();
  const synced = Promise.all([pods.waitForSync(signal), nodes.waitForSync(signal)]).then(([a, b]) => a && b);
  const done = (async () => {
    try {
      if (await synced)
        await runController({
          name: "scheduler",
          queue,
          sync: scheduleOne,
          workers: 1,
          log,
          ...(signal ? { signal } : {}),
        });
      await Promise.allSettled([...binds]);
    } finally {
      clearInterval(retryTimer);
      pods.stop();
      nodes.stop();
    }
  })();
  return { synced, done, stats: () => ({ ...stats }) };
}
