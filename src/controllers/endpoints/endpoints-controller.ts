import type { Client } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import type { OwnerReference } from "../../api/object.js";
import { labelSelectorFromSet } from "../../api/selector/from-spec.js";
import type { Pod } from "../../api/types/pod.js";
import type { Endpoints, Service } from "../../api/types/service.js";
import { sameJson } from "../replication/same-json.js";
import { cacheKey } from "../runtime/cache-key.js";
import { enqueueObject } from "../runtime/enqueue.js";
import type { EventHandlers } from "../runtime/event-handlers.js";
import { byNamespace, type Lister } from "../runtime/indexer.js";
import { InformerFactory } from "../runtime/informer-factory.js";
import { type Log, stderrLog } from "../runtime/log.js";
import { runController } from "../runtime/run-controller.js";
import { WorkQueue } from "../runtime/work-queue.js";
import { computeSubsets } from "./subsets.js";

export interface StartEndpointsControllerOptions {
  client: Client;
  signal: AbortSignal;
  /** Services synced at once (default 2). */
  workers?: number;
  log?: Log;
  /** Shared informers (started here if not yet). Default: a factory of its own, stopped on abort. */
  informers?: InformerFactory;
}

/**
 * Runs the Endpoints controller until the signal aborts (resolves once it has stopped). For every
 * Service with a selector it keeps an Endpoints object of the same name whose subsets list the
 * selected pods (see computeSubsets), owned by the Service (a controller ownerReference, so the
 * garbage collector removes it with the Service). Services without a selector are left alone, and
 * so is their hand-written Endpoints object. Wire into `slipway up` as
 * `void startEndpointsController({ client, signal, log })`.
 */
export async function startEndpointsController({
  client,
  signal,
  workers = 2,
  log = stderrLog,
  informers,
}: StartEndpointsControllerOptions): Promise<void> {
  const factory = informers ?? new InformerFactory(client, { log });
  const queue = new WorkQueue<string>();
  const services = factory.informer<Service>("Service", {}, { namespace: byNamespace });
  const pods = factory.informer<Pod>("Pod", {}, { namespace: byNamespace });
  const endpoints = factory.informer<Endpoints>("Endpoints");

  services.addEventHandler(enqueueObject(queue));
  pods.addEventHandler(enqueueServicesOfPod(services.cache, queue));
  // Someone else changed or deleted an Endpoints object the controller keeps: put it right.
  const enqueueIfKept = (ep: Endpoints) => {
    const key = cacheKey(ep);
    if (hasSelector(services.cache.get(key))) queue.add(key);
  };
  endpoints.addEventHandler({ onUpdate: (_old, ep) => enqueueIfKept(ep), onDelete: enqueueIfKept });

  const sync = async (key: string): Promise<void> => {
    const service = services.cache.get(key);
    const current = endpoints.cache.get(key);
    if (!service) {
      if (current && ownerOf(current)?.kind === "Service") await deleteOwned(client, current);
      return;
    }
    if (!hasSelector(service)) return;
    const namespace = service.metadata.namespace ?? "";
    const selector = labelSelectorFromSet(service.spec?.selector);
    const selected = pods.cache.byIndex("namespace", namespace).filter((pod) => selector.matches(pod.metadata.labels));
    const desired = desiredEndpoints(service, computeSubsets(selected, service.spec?.ports ?? []));
    if (!current) {
      await client.create(desired).catch((error: unknown) => {
        // The cache lags a create of ours: the next event or retry compares against the real object.
        if (!isSlipwayError(error, "AlreadyExists")) throw error;
        throw new Error(`endpoints ${key} exist but are not in the cache yet`);
      });
      return;
    }
    if (sameEndpoints(current, desired)) return;
    const next = structuredClone(current);
    next.metadata.labels = desired.metadata.labels ?? {};
    if (!desired.metadata.labels) delete next.metadata.labels;
    next.metadata.ownerReferences = [
      ...(current.metadata.ownerReferences ?? []).filter((ref) => ref.controller !== true),
      ...(desired.metadata.ownerReferences ?? []),
    ];
    if (desired.subsets) next.subsets = desired.subsets;
    else delete next.subsets;
    await client.update(next);
  };

  factory.start();
  const synced = await factory.waitForSync(signal);
  try {
    if (synced) await runController({ name: "endpoints-controller", queue, workers, sync, signal, log });
  } finally {
    if (!informers) factory.stop();
  }
}

/** The label Kubernetes puts on the Endpoints of a headless Service. */
const HEADLESS_LABEL = "service.kubernetes.io/headless";

/** A Service the controller keeps Endpoints for: it has a non-empty selector. */
function hasSelector(service: Service | undefined): service is Service {
  return Object.keys(service?.spec?.selector ?? {}).length > 0;
}

/** Pod changes enqueue every Service in the pod's namespace whose selector matched before or after. */
function enqueueServicesOfPod(services: Lister<Service>, queue: WorkQueue<string>): EventHandlers<Pod> {
  const enqueue = (pod: Pod) => {
    const namespace = pod.metadata.namespace ?? "";
    for (const service of services.byIndex("namespace", namespace)) {
      if (hasSelector(service) && labelSelectorFromSet(service.spec?.selector).matches(pod.metadata.labels)) {
        queue.add(cacheKey(service));
      }
    }
  };
  return {
    onAdd: enqueue,
    onUpdate: (old, pod) => {
      enqueue(pod);
      if (!sameJson(old.metadata.labels ?? {}, pod.metadata.labels ?? {})) enqueue(old);
    },
    onDelete: enqueue,
  };
}

function desiredEndpoints(service: Service, subsets: Endpoints["subsets"]): Endpoints {
  const { namespace = "", name = "", uid = "", labels } = service.metadata;
  const owner: OwnerReference = {
    apiVersion: "v1",
    kind: "Service",
    name,
    uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  const ep: Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name, namespace, ownerReferences: [owner] },
  };
  const copied: Record<string, string> = { ...labels };
  // As Kubernetes marks the Endpoints of a headless Service, for DNS to tell them apart.
  if (service.spec?.clusterIP === "None") copied[HEADLESS_LABEL] = "";
  if (Object.keys(copied).length > 0) ep.metadata.labels = copied;
  if (subsets && subsets.length > 0) ep.subsets = subsets;
  return ep;
}

function ownerOf(ep: Endpoints): OwnerReference | undefined {
  return ep.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

function sameEndpoints(current: Endpoints, desired: Endpoints): boolean {
  return (
    sameJson(current.subsets ?? [], desired.subsets ?? []) &&
    sameJson(current.metadata.labels ?? {}, desired.metadata.labels ?? {}) &&
    sameJson(ownerOf(current) ?? null, ownerOf(desired) ?? null)
  );
}

async function deleteOwned(client: Client, ep: Endpoints): Promise<void> {
  const { namespace = "", name = "", uid = "" } = ep.metadata;
  await client.delete("Endpoints", namespace, name, { uid }).catch((error: unknown) => {
    if (!isSlipwayError(error, "NotFound") && !isSlipwayError(error, "Conflict")) throw error;
  });
}
