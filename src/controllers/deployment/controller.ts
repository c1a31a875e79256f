import type { Client } from "../../api/client.js";
import { labelSelectorFromSpec } from "../../api/selector/from-spec.js";
import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import type { Pod } from "../../api/types/pod.js";
import { cacheKey } from "../runtime/cache-key.js";
import { controllerRef, enqueueControllerOf, enqueueObject } from "../runtime/enqueue.js";
import { byNamespace } from "../runtime/indexer.js";
import type { Informer } from "../runtime/informer.js";
import { InformerFactory } from "../runtime/informer-factory.js";
import { type Log, stderrLog } from "../runtime/log.js";
import { runController } from "../runtime/run-controller.js";
import { WorkQueue } from "../runtime/work-queue.js";
import type { SyncContext } from "./context.js";
import { eventRecorder } from "./events.js";
import { syncDeployment } from "./sync-deployment.js";

export interface DeploymentControllerOptions {
  client: Client;
  /** Informers shared with the other controllers of the process; a private factory when omitted. */
  informers?: InformerFactory;
  log?: Log;
  /** The clock for conditions and the progress deadline. */
  now?: () => Date;
}

export interface StartDeploymentControllerOptions extends DeploymentControllerOptions {
  /** Aborting stops the workers (and the informers of a private factory). */
  signal: AbortSignal;
  workers?: number;
  /** Resync period of a private informer factory (default 30 s). */
  resyncMs?: number;
}

/** The controller's parts, for wiring and for tests that drive sync one key at a time. */
export interface DeploymentController {
  readonly queue: WorkQueue<string>;
  readonly deployments: Informer<Deployment>;
  readonly replicaSets: Informer<ReplicaSet>;
  readonly pods: Informer<Pod>;
  /** Converges one Deployment (`namespace/name`) from the caches; throws to be retried. */
  sync(key: string): Promise<void>;
}

/** Deployments in the ReplicaSet's namespace whose selector matches it (for orphans to adopt). */
function deploymentsSelecting(deployments: Informer<Deployment>, rs: ReplicaSet): Deployment[] {
  return deployments.cache.byIndex("namespace", rs.metadata.namespace ?? "").filter((d) => {
    try {
      return labelSelectorFromSpec(d.spec.selector).matches(rs.metadata.labels);
    } catch {
      return false;
    }
  });
}

/**
 * Builds the Deployment controller on `informers` (Deployments, ReplicaSets, Pods) without starting
 * anything: event handlers only enqueue Deployment keys; `sync` reads the caches and converges.
 */
export function createDeploymentController({
  client,
  informers = new InformerFactory(client),
  log = stderrLog,
  now = () => new Date(),
}: DeploymentControllerOptions): DeploymentController {
  const queue = new WorkQueue<string>();
  const deployments = informers.informer<Deployment>("Deployment", {}, { namespace: byNamespace });
  const replicaSets = informers.informer<ReplicaSet>("ReplicaSet", {}, { namespace: byNamespace });
  const pods = informers.informer<Pod>("Pod", {}, { namespace: byNamespace });

  deployments.addEventHandler(enqueueObject(queue));
  const toOwner = enqueueControllerOf<ReplicaSet>(queue, "Deployment");
  const orphan = (rs: ReplicaSet) => {
    if (controllerRef(rs)) return;
    for (const d of deploymentsSelecting(deployments, rs)) queue.add(cacheKey(d));
  };
  replicaSets.addEventHandler({
    onAdd: (rs) => {
      toOwner.onAdd?.(rs);
      orphan(rs);
    },
    onUpdate: (old, rs) => {
      toOwner.onUpdate?.(old, rs);
      orphan(rs);
    },
    onDelete: (rs, info) => toOwner.onDelete?.(rs, info),
  });
  // Recreate waits for old pods to be gone: a pod's deletion is a reason to look again.
  pods.addEventHandler({
    onDelete: (pod) => {
      const rsRef = controllerRef(pod);
      if (rsRef?.kind !== "ReplicaSet") return;
      const rs = replicaSets.cache.get(`${pod.metadata.namespace}/${rsRef.name}`);
      if (rs) toOwner.onAdd?.(rs);
    },
  });

  const ctx: SyncContext = {
    client,
    now,
    log,
    requeueAfter: (key, ms) => queue.addAfter(key, ms),
    recordEvent: eventRecorder(client, now, log),
  };
  const sync = async (key: string) => {
    const deployment = deployments.cache.get(key);
    if (!deployment) return; // deleted: the garbage collector removes its ReplicaSets
    const namespace = deployment.metadata.namespace ?? "";
    await syncDeployment(ctx, {
      deployment,
      replicaSets: replicaSets.cache.byIndex("namespace", namespace),
      pods: pods.cache.byIndex("namespace", namespace),
    });
  };
  return { queue, deployments, replicaSets, pods, sync };
}

/**
 * Runs the Deployment controller until `signal` aborts: starts the informers, waits for their
 * first lists, then syncs queued Deployments with `workers` workers (default 2). Resolves once
 * stopped.
 */
export async function startDeploymentController(options: StartDeploymentControllerOptions): Promise<void> {
  const { client, signal, workers = 2, log = stderrLog, resyncMs = 30_000 } = options;
  const privateFactory = options.informers === undefined;
  const informers = options.informers ?? new InformerFactory(client, { resyncMs, log });
  const controller = createDeploymentController({ ...options, informers, log });
  informers.start();
  try {
    if (!(await informers.waitForSync(signal))) return;
    await runController({ name: "deployment", queue: controller.queue, workers, sync: controller.sync, signal, log });
  } finally {
    if (privateFactory) informers.stop();
    void controller.queue.shutDown();
  }
}
