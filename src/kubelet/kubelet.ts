/**
 * The kubelet of one node: registers the Node and keeps its heartbeat, watches the pods bound to
 * the node (fieldSelector spec.nodeName), and hands each to its pod worker. On start it waits for
 * the first list, so that pods already running are adopted, and removes labelled containers whose
 * pod is gone. The runtime's events (a container of the node died, was removed or OOM-killed) wake
 * the pod's worker at once; a periodic resync re-syncs every pod (catching anything an event
 * missed) and sweeps orphans; probes run on their own short tick.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "../api/client.js";
import type { ResourceList } from "../api/types/common.js";
import type { Pod } from "../api/types/pod.js";
import { createInformer } from "../controllers/runtime/index.js";
import { BackOff, RESTART_BACKOFF } from "./backoff.js";
import { forgetPod, type KubeletContext } from "./context.js";
import { EventSpamFilter, kubeletMessages, podEvent } from "./events.js";
import { capacityFrom, defaultHostIP, registerNode, renewNode } from "./node-status.js";
import { removeOrphans } from "./orphans.js";
import { PodLifecycleRelister } from "./pleg.js";
import { syncPod } from "./pod-sync.js";
import { terminatePod } from "./pod-termination.js";
import { PodWorkers } from "./pod-workers.js";
import { ProbeManager } from "./probe-manager.js";
import type { ContainerRuntime, RuntimeEvent } from "./runtime/container-runtime.js";
import { identityFromLabels, LABELS } from "./runtime/labels.js";
import { canonicalJson } from "./runtime/spec-hash.js";
import { type KubeletServer, startKubeletServer } from "./server.js";

/** True when only status (and so resourceVersion) differ: the kubelet's own writes, mostly. */
function onlyStatusChanged(old: Pod, pod: Pod): boolean {
  const strip = (p: Pod) =>
    canonicalJson({ ...p, status: undefined, metadata: { ...p.metadata, resourceVersion: undefined } });
  return strip(old) === strip(pod);
}

export interface KubeletOptions {
  client: Client;
  runtime: ContainerRuntime;
  nodeName: string;
  /** Aborting stops the kubelet; the containers keep running (a restart adopts them). */
  signal: AbortSignal;
  log?: (message: string) => void;
  /** Overrides of the capacity read from the runtime (`{ cpu: "2", memory: "4Gi" }`). */
  capacity?: ResourceList;
  allowHostPath?: boolean;
  /** Node heartbeat period (default 10 s). */
  heartbeatMs?: number;
  /** Every pod is synced again this often (default 10 s). */
  resyncMs?: number;
  /** How often containers are relisted to notice exits and removals (default 1 s, as the kubelet's PLEG). */
  plegMs?: number;
  /** How often due probes are looked for (default 250 ms). */
  probeTickMs?: number;
  /** Pod directories (volumes); default `<tmp>/slipway-kubelet/<node>`. */
  rootDir?: string;
  /** The node's address, the pods' hostIP; default the first non-internal IPv4. */
  hostIP?: string;
  /** Back-off bounds (tests shorten them); Kubernetes' by default. */
  restartBackOff?: { initialMs?: number; maxMs?: number; resetAfterMs?: number };
  pullBackOff?: { initialMs?: number; maxMs?: number };
  now?: () => number;
  /**
   * Serve pod logs and exec (see server.ts) for the API server to proxy to, requiring this token;
   * on 127.0.0.1 and a free port unless host/port say otherwise. Off when absent.
   */
  server?: { token: string; host?: string; port?: number };
}

export interface Kubelet {
  readonly nodeName: string;
  readonly workers: PodWorkers;
  /** Syncs every pod now and sweeps orphans (what the periodic resync does). */
  resync(): Promise<void>;
  /** Resolves once stopped (after the signal aborts). */
  readonly done: Promise<void>;
  /** The logs/exec server, when `server` was asked for. */
  readonly server?: KubeletServer;
}

/** Starts a kubelet; resolves once the Node is registered and the pods bound to it are listed. */
export async function startKubelet(options: KubeletOptions): Promise<Kubelet> {
  const {
    client,
    runtime,
    nodeName,
    signal,
    now = Date.now,
    log = (m: string) => console.error(`kubelet: ${m}`),
  } = options;
  const { heartbeatMs = 10_000, resyncMs = 10_000, probeTickMs = 250, plegMs = 1_000 } = options;
  const hostIP = options.hostIP ?? defaultHostIP();
  const info = await runtime.info();
  // Pod uids come from the informer, created just below; the server only reads it per request.
  let podUid: (namespace: string, name: string) => string | undefined = () => undefined;
  const server = options.server
    ? await startKubeletServer({
        runtime,
        nodeName,
        token: options.server.token,
        listen: {
          ...(options.server.host !== undefined ? { host: options.server.host } : {}),
          ...(options.server.port !== undefined ? { port: options.server.port } : {}),
        },
        podUid: (namespace, name) => podUid(namespace, name),
        log,
      })
    : undefined;
  const nodeOptions = {
    client,
    nodeName,
    hostIP,
    info,
    capacity: capacityFrom(info, options.capacity),
    now,
    kubeletEndpoint: server ? { host: server.host, port: server.port } : undefined,
  };
  try {
    await registerNode(nodeOptions);
  } catch (error) {
    await server?.close();
    throw error;
  }

  const informer = createInformer<Pod>(client, "Pod", { fieldSelector: `spec.nodeName=${nodeName}`, log });
  podUid = (namespace, name) => informer.cache.get(`${namespace}/${name}`)?.metadata.uid;
  let workers: PodWorkers | undefined;
  const probes = new ProbeManager({
    runtime,
    now,
    onChange: (uid) => {
      const pod = informer.cache.list().find((p) => p.metadata.uid === uid);
      if (pod) workers?.updatePod({ pod });
    },
    onFailure: ({ uid, kind, output }) => {
      const pod = informer.cache.list().find((p) => p.metadata.uid === uid);
      const message = kubeletMessages.probeFailed(kind, output);
      if (pod) podEvent(ctx, pod, { reason: "Unhealthy", message, type: "Warning" });
    },
  });
  const ctx: KubeletContext = {
    client,
    runtime,
    nodeName,
    hostIP,
    rootDir: options.rootDir ?? join(tmpdir(), "slipway-kubelet", nodeName),
    allowHostPath: options.allowHostPath ?? false,
    now,
    restartBackOff: new BackOff({ ...RESTART_BACKOFF, ...options.restartBackOff, now }),
    pullBackOff: new BackOff({ initialMs: 10_000, maxMs: 300_000, ...options.pullBackOff, now }),
    probes,
    attempts: new Map(),
    endedAt: new Map(),
    eventFilter: new EventSpamFilter(),
    log,
  };
  // The worker may hold an older copy (a status-only change does not wake it): sync the latest.
  const latest = (pod: Pod): Pod => {
    const cached = informer.cache.get(`${pod.metadata.namespace}/${pod.metadata.name}`);
    return cached && cached.metadata.uid === pod.metadata.uid ? cached : pod;
  };
  const podWorkers = new PodWorkers({
    sync: (pod) => syncPod(ctx, latest(pod)),
    terminate: (pod, gone) => terminatePod(ctx, pod, gone),
    onTerminated: (uid) => forgetPod(ctx, uid),
    log,
  });
  workers = podWorkers;

  informer.addEventHandler({
    onAdd: (pod) => podWorkers.updatePod({ pod }),
    onUpdate: (old, pod) => {
      if (old === pod || !onlyStatusChanged(old, pod)) podWorkers.updatePod({ pod });
    },
    onDelete: (pod) => podWorkers.updatePod({ pod, gone: true }),
  });
  informer.start();
  if (!(await informer.waitForSync(signal))) {
    informer.stop();
    podWorkers.stop();
    await server?.close();
    return { nodeName, workers: podWorkers, resync: async () => {}, done: Promise.resolve() };
  }

  // A container that died or vanished: sync its pod now rather than at the next resync. The
  // restart back-off still applies inside the sync.
  const onRuntimeEvent = (event: RuntimeEvent) => {
    const identity = identityFromLabels(event.labels);
    if (!identity) return;
    const pod = informer.cache.get(`${identity.pod.namespace}/${identity.pod.name}`);
    if (pod && pod.metadata.uid === identity.pod.uid) podWorkers.updatePod({ pod });
  };
  const watching = runtime.watchEvents(onRuntimeEvent, signal, { [LABELS.node]: nodeName });

  const sweep = async () => {
    const known = new Set([...informer.cache.list().map((p) => p.metadata.uid ?? ""), ...podWorkers.activeUids()]);
    await removeOrphans(ctx, known);
  };
  const resync = async () => {
    for (const pod of informer.cache.list()) podWorkers.updatePod({ pod });
    await sweep();
  };
  const guard = (what: string, task: () => Promise<unknown>) => () => {
    task().catch((error: unknown) => log(`${what}: ${error instanceof Error ? error.message : String(error)}`));
  };
  await sweep().catch((error: unknown) => log(`orphans: ${error instanceof Error ? error.message : String(error)}`));

  // A pod whose containers changed state syncs now: a crash is seen within plegMs.
  const pleg = new PodLifecycleRelister(runtime, nodeName);
  const relist = async () => {
    const changed = await pleg.relist();
    if (changed.size === 0) return;
    for (const pod of informer.cache.list()) if (changed.has(pod.metadata.uid ?? "")) podWorkers.updatePod({ pod });
  };
  await relist().catch((error: unknown) => log(`relist: ${error instanceof Error ? error.message : String(error)}`));
  let relisting = false;
  let probing = false;
  const timers = [
    setInterval(() => {
      if (relisting) return;
      relisting = true;
      guard("relist", () => relist().finally(() => (relisting = false)))();
    }, plegMs),
    setInterval(guard("resync", resync), resyncMs),
    setInterval(
      guard("heartbeat", () => renewNode(nodeOptions)),
      heartbeatMs,
    ),
    setInterval(() => {
      if (probing) return;
      probing = true;
      void probes.tick().finally(() => {
        probing = false;
      });
    }, probeTickMs),
  ];
  const done = new Promise<void>((resolve) => {
    const stop = () => {
      for (const t of timers) clearInterval(t);
      informer.stop();
      podWorkers.stop();
      void Promise.all([server?.close(), watching]).finally(resolve);
    };
    if (signal.aborted) stop();
    else signal.addEventListener("abort", stop, { once: true });
  });
  return { nodeName, workers: podWorkers, resync, done, ...(server ? { server } : {}) };
}
