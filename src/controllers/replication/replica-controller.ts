import type { Client } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import type { Pod } from "../../api/types/pod.js";
import { recordEvent } from "../events/record-event.js";
import { enqueueObject } from "../runtime/enqueue.js";
import { Expectations } from "../runtime/expectations.js";
import { byNamespace } from "../runtime/indexer.js";
import type { InformerFactory } from "../runtime/informer-factory.js";
import { type Log, stderrLog } from "../runtime/log.js";
import { runController } from "../runtime/run-controller.js";
import { WorkQueue } from "../runtime/work-queue.js";
import { claimPods } from "./claim-pods.js";
import { DeletionTracker } from "./deletion-tracker.js";
import { podHandlers } from "./pod-handlers.js";
import { isPodActive, msUntilAvailable, podsToDelete } from "./pod-state.js";
import { podFromTemplate } from "./pod-template.js";
import { minReadySecondsOf, type ReplicaKind, type ReplicaOwner, replicasOf } from "./replica-kind.js";
import { sameJson } from "./same-json.js";
import { slowStartBatch } from "./slow-start.js";
import { computeStatus, type ManageFailure } from "./status.js";

/** At most this many pods are created or deleted in one sync (Kubernetes' burstReplicas). */
export const BURST_REPLICAS = 500;

export interface ReplicaControllerOptions {
  kind: ReplicaKind;
  /** Where writes go. */
  client: Client;
  /** Shared informers (they may read through another client, e.g. in tests). Started by the caller. */
  informers: InformerFactory;
  signal: AbortSignal;
  workers?: number;
  log?: Log;
  now?: () => Date;
}

/**
 * The replication controller for one owner kind (ReplicationController or ReplicaSet), as
 * Kubernetes' ReplicaSetController: keeps `spec.replicas` active pods matching the selector,
 * adopting orphans and releasing pods that stopped matching, with expectations so a lagging pod
 * cache never creates or deletes twice, and writes status only when it changed. Resolves when the
 * signal aborts and the workers have returned. Informers must be started by the caller.
 */
export async function runReplicaController({
  kind,
  client,
  informers,
  signal,
  workers = 2,
  log = stderrLog,
  now = () => new Date(),
}: ReplicaControllerOptions): Promise<void> {
  const queue = new WorkQueue<string>();
  const expectations = new Expectations({ now: () => now().getTime() });
  const deletions = new DeletionTracker(expectations);
  const owners = informers.informer<ReplicaOwner>(kind.kind);
  const pods = informers.informer<Pod>("Pod", {}, { namespace: byNamespace });
  owners.addEventHandler({
    ...enqueueObject(queue),
    onDelete: (owner) => {
      const key = `${owner.metadata.namespace}/${owner.metadata.name}`;
      expectations.delete(key);
      deletions.forget(key);
    },
  });
  pods.addEventHandler(podHandlers({ kind, owners: owners.cache, queue, expectations, deletions }));

  const event = (owner: ReplicaOwner, reason: string, message: string, type: "Normal" | "Warning" = "Normal") =>
    void recordEvent(client, { involvedObject: owner, reason, message, type, component: kind.component, now, log });

  /** Creates or deletes pods toward spec.replicas; resolves with what failed, if anything. */
  const manageReplicas = async (
    key: string,
    owner: ReplicaOwner,
    active: Pod[],
  ): Promise<ManageFailure | undefined> => {
    const diff = active.length - replicasOf(owner);
    if (diff < 0) {
      const template = podFromTemplate(owner, kind);
      if (!template) return { reason: "FailedCreate", message: "spec.template is missing" };
      const wanted = Math.min(-diff, BURST_REPLICAS);
      expectations.expectCreations(key, wanted);
      const { successes, errors } = await slowStartBatch(wanted, 1, async () => {
        try {
          const pod = await client.create(structuredClone(template));
          event(owner, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`);
        } catch (error) {
          // This create will never be observed.
          expectations.creationObserved(key);
          throw error;
        }
      });
      // Creations skipped after a failed batch will never be observed either.
      for (let i = successes + errors.length; i < wanted; i++) expectations.creationObserved(key);
      if (errors.length === 0) return undefined;
      const message = errors[0] instanceof Error ? errors[0].message : String(errors[0]);
      event(owner, "FailedCreate", `Error creating: ${message}`, "Warning");
      return { reason: "FailedCreate", message };
    }
    if (diff > 0) {
      const victims = podsToDelete(active, Math.min(diff, BURST_REPLICAS));
      deletions.expect(
        key,
        victims.map((p) => p.metadata.uid ?? ""),
      );
      const results = await Promise.allSettled(
        victims.map(async (pod) => {
          const { namespace = "", name = "", uid = "", resourceVersion = "" } = pod.metadata;
          try {
            // Guarded by the version read: deleting a pod already marked would remove it at once.
            await client.delete("Pod", namespace, name, { uid, resourceVersion });
            event(owner, "SuccessfulDelete", `Deleted pod: ${name}`);
          } catch (error) {
            deletions.observed(key, uid);
            // The pod changed since the cache saw it: look again shortly, it is no failure.
            if (isSlipwayError(error, "Conflict")) queue.addRateLimited(key);
            else if (!isSlipwayError(error, "NotFound")) throw error;
          }
        }),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (!failed) return undefined;
      const message = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
      event(owner, "FailedDelete", `Error deleting: ${message}`, "Warning");
      return { reason: "FailedDelete", message };
    }
    return undefined;
  };

  const sync = async (key: string): Promise<void> => {
    const owner = owners.cache.get(key);
    if (!owner) {
      expectations.delete(key);
      deletions.forget(key);
      return;
    }
    const selector = kind.selector(owner);
    const candidates = pods.cache.byIndex("namespace", owner.metadata.namespace ?? "").filter(isPodActive);
    // Ask before claiming: claiming writes, and the pod events it causes must not fool the check.
    const needsSync = expectations.satisfied(key) && !owner.metadata.deletionTimestamp;
    const active = await claimPods(client, owner, kind, selector, candidates);
    let failure: ManageFailure | undefined;
    if (needsSync) failure = await manageReplicas(key, owner, active);

    const current = now();
    const status = computeStatus(owner, active, failure, current);
    if (!sameJson(status, owner.status)) {
      const next = structuredClone(owner);
      next.status = status;
      await client.updateStatus(next).catch((error: unknown) => {
        if (!isSlipwayError(error, "NotFound")) throw error;
      });
    }
    if (failure) throw new Error(`${failure.reason}: ${failure.message}`);
    const minReady = minReadySecondsOf(owner);
    const waits = active.map((p) => msUntilAvailable(p, minReady, current.getTime())).filter((ms) => ms !== undefined);
    if (waits.length > 0) queue.addAfter(key, Math.min(...waits) + 1);
  };

  await runController({ name: kind.component, queue, workers, sync, signal, log });
}
