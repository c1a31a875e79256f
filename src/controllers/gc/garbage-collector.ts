import type { Client } from "../../api/client.js";
import { kindInfo } from "../../api/kinds.js";
import type { KubeObject } from "../../api/object.js";
import { byOwnerUid, type Lister } from "../runtime/indexer.js";
import { InformerFactory } from "../runtime/informer-factory.js";
import { type Log, stderrLog } from "../runtime/log.js";
import { runController } from "../runtime/run-controller.js";
import { WorkQueue } from "../runtime/work-queue.js";
import { type CollectContext, collect, dependentsOf } from "./collect.js";

/** The namespaced kinds whose ownerReferences the collector follows. */
export const GC_KINDS = [
  "Pod",
  "ReplicaSet",
  "ReplicationController",
  "Deployment",
  "Service",
  "Endpoints",
  "ConfigMap",
  "Secret",
] as const;

export interface StartGarbageCollectorOptions {
  client: Client;
  signal: AbortSignal;
  log?: Log;
  /** Shared informers (started here if not yet). Default: a factory of its own over `client`. */
  informers?: InformerFactory;
  workers?: number;
}

/** Queue keys name the kind too: `Kind/namespace/name`. */
function itemKey(obj: KubeObject): string {
  return `${obj.kind}/${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`;
}

function cacheKeyOf(kind: string, namespace: string, name: string): string {
  return kindInfo(kind)?.namespaced === false ? name : `${namespace}/${name}`;
}

/**
 * Runs the garbage collector until the signal aborts (resolves when it has stopped).
 *
 * Level-triggered over the owner graph the informers hold: any change to an object enqueues the
 * object, its dependents (its deletion or its deletion mark may free them) and its owners that are
 * being deleted (they may be waiting for it). Each sync re-reads the caches and takes one step
 * (see collect). Wire into `slipway up` as `void startGarbageCollector({ client, signal })`.
 */
export async function startGarbageCollector({
  client,
  signal,
  log = stderrLog,
  informers,
  workers = 2,
}: StartGarbageCollectorOptions): Promise<void> {
  const factory = informers ?? new InformerFactory(client, { log });
  const queue = new WorkQueue<string>();
  const caches = new Map<string, Lister>();
  const ctx: CollectContext = { client, caches };

  const enqueueRelated = (obj: KubeObject) => {
    queue.add(itemKey(obj));
    for (const dependent of dependentsOf(ctx, obj.metadata.uid ?? "")) queue.add(itemKey(dependent));
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const owner = caches.get(ref.kind)?.get(cacheKeyOf(ref.kind, obj.metadata.namespace ?? "", ref.name));
      if (owner?.metadata.deletionTimestamp) queue.add(itemKey(owner));
    }
  };

  for (const kind of GC_KINDS) {
    const informer = factory.informer(kind, {}, { ownerUid: byOwnerUid });
    caches.set(kind, informer.cache);
    informer.addEventHandler({
      onAdd: enqueueRelated,
      onUpdate: (_old, obj) => enqueueRelated(obj),
      onDelete: enqueueRelated,
    });
  }

  const sync = async (key: string) => {
    const [kind = "", namespace = "", name = ""] = key.split("/");
    const obj = caches.get(kind)?.get(cacheKeyOf(kind, namespace, name));
    if (obj) await collect(ctx, obj);
  };

  factory.start();
  try {
    await runController({ name: "garbage-collector", queue, workers, sync, signal, log });
  } finally {
    if (!informers) factory.stop();
  }
}
