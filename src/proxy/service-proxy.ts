import type { Client } from "../api/client.js";
import type { KubeObject } from "../api/object.js";
import type { Endpoints, Service } from "../api/types/service.js";
import {
  cacheKey,
  createInformer,
  type Log,
  runController,
  stderrLog,
  WorkQueue,
} from "../controllers/runtime/index.js";
import { IptablesRules, servicesChainFor } from "./iptables-rules.js";
import { podNetworkGateway } from "./pod-network.js";
import { PortProxy } from "./port-proxy.js";
import { type Backend, type ProxiedPort, proxiedPorts, readyBackends } from "./service-ports.js";
import type { DnatRule, ServiceRules } from "./service-rules.js";

export interface ServiceProxyOptions {
  client: Client;
  signal: AbortSignal;
  log?: Log;
  /** This node, for log lines. */
  nodeName: string;
  /** Where node ports listen (default 0.0.0.0: every address, as Kubernetes does). */
  nodePortAddress?: string;
  /**
   * Where the cluster-IP proxy ports listen, and so the DNAT target. Default: the gateway of the
   * Docker pod network, which both host processes and pod containers reach.
   */
  proxyAddress?: string;
  /** How cluster IPs reach the proxy ports. Default: iptables DNAT in this node's chain (servicesChainFor). */
  rules?: ServiceRules;
  /** How long to wait between attempts to find the pod network while Docker does not answer. */
  retryMs?: number;
}

/** One served service port, as the proxy sees it now. */
export interface ProxyPortStatus extends ProxiedPort {
  /** The local port `clusterIP:port` is sent to (absent without a cluster IP). */
  proxyPort?: number;
  backends: readonly Backend[];
}

export interface ServiceProxy {
  /** Resolves once the caches are synced and the first rules are written (or failed and logged). */
  readonly ready: Promise<void>;
  /** Resolves after the signal aborts, once every listener is closed and the rules are removed. */
  readonly done: Promise<void>;
  /** What is served now, for tests and status output. */
  ports(): ProxyPortStatus[];
}

interface Entry {
  spec: ProxiedPort;
  proxy: PortProxy;
  proxyPort?: number;
}

const sameSpec = (a: ProxiedPort, b: ProxiedPort) =>
  a.clusterIP === b.clusterIP && a.nodePort === b.nodePort && a.port === b.port;

/**
 * Runs this node's service proxy until the signal aborts: for every TCP port of every Service, a
 * PortProxy balancing over the ready Endpoints addresses, listening on a proxy port for the
 * cluster IP (reached through `rules`) and on the node port when the Service has one. Services are
 * synced one key at a time from the Service and Endpoints informers; a failed listen (a node port
 * in use) is logged and retried with back-off.
 */
export function startServiceProxy({
  client,
  signal,
  log = stderrLog,
  nodeName,
  nodePortAddress = "0.0.0.0",
  proxyAddress,
  rules = new IptablesRules(servicesChainFor(nodeName)),
  retryMs = 5_000,
}: ServiceProxyOptions): ServiceProxy {
  const services = createInformer<Service>(client, "Service", { log });
  const endpoints = createInformer<Endpoints>(client, "Endpoints", { log });
  const queue = new WorkQueue<string>();
  const served = new Map<string, Map<string, Entry>>();
  let installed = "[]";
  let clusterAddress: string | undefined = proxyAddress;

  const enqueue = { onAdd: (o: KubeObject) => queue.add(cacheKey(o)) };
  for (const informer of [services, endpoints] as const) {
    informer.addEventHandler({
      onAdd: enqueue.onAdd,
      onUpdate: (_, o) => enqueue.onAdd(o),
      onDelete: (o) => enqueue.onAdd(o),
    });
  }

  async function open(spec: ProxiedPort, backends: Backend[]): Promise<Entry> {
    const proxy = new PortProxy();
    proxy.setAffinity(spec.affinityMs);
    proxy.setBackends(backends);
    const entry: Entry = { spec, proxy };
    try {
      if (spec.clusterIP && clusterAddress) entry.proxyPort = await proxy.listen({ host: clusterAddress, port: 0 });
      if (spec.nodePort) await proxy.listen({ host: nodePortAddress, port: spec.nodePort });
    } catch (error) {
      await proxy.close();
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`${spec.id}: cannot listen on node port ${spec.nodePort ?? "-"}: ${message}`);
    }
    log(`proxy: serving ${spec.id} (${describe(entry)}) with ${backends.length} endpoint(s)`);
    return entry;
  }

  async function syncRules(): Promise<void> {
    const wanted: DnatRule[] = [];
    for (const entries of served.values()) {
      for (const { spec, proxyPort } of entries.values()) {
        if (spec.clusterIP && proxyPort && clusterAddress) {
          wanted.push({ clusterIP: spec.clusterIP, port: spec.port, toHost: clusterAddress, toPort: proxyPort });
        }
      }
    }
    const text = JSON.stringify(wanted);
    if (text === installed) return;
    await rules.sync(wanted);
    installed = text;
  }

  async function sync(key: string): Promise<void> {
    const service = services.cache.get(key);
    const desired = new Map((service ? proxiedPorts(service) : []).map((p) => [p.id, p]));
    const current = served.get(key) ?? new Map<string, Entry>();
    served.set(key, current);
    for (const [id, entry] of current) {
      const spec = desired.get(id);
      if (spec && sameSpec(spec, entry.spec)) continue;
      current.delete(id);
      await entry.proxy.close();
      log(`proxy: stopped ${id}`);
    }
    const failures: string[] = [];
    const eps = endpoints.cache.get(key);
    for (const [id, spec] of desired) {
      const backends = readyBackends(eps, spec.portName);
      const entry = current.get(id);
      if (entry) {
        entry.proxy.setAffinity(spec.affinityMs);
        entry.proxy.setBackends(backends);
      } else {
        try {
          current.set(id, await open(spec, backends));
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }
    if (current.size === 0) served.delete(key);
    await syncRules();
    if (failures.length) throw new Error(failures.join("; "));
  }

  async function run(): Promise<void> {
    // Without the pod network's gateway there is nothing to send cluster IPs to: wait for Docker,
    // as the kubelet does (node ports would have no pod to reach meanwhile either).
    for (let warned = false; !clusterAddress && !signal.aborted; warned = true) {
      try {
        clusterAddress = await podNetworkGateway();
      } catch (error) {
        if (!warned)
          log(`proxy: waiting for the pod network: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
      }
    }
    try {
      await rules.sync([]); // creates the chain and its hooks, and clears rules a crashed run left
    } catch (error) {
      log(`proxy: cannot install cluster IP rules: ${error instanceof Error ? error.message : String(error)}`);
    }
    services.start();
    endpoints.start();
    await Promise.all([services.waitForSync(signal), endpoints.waitForSync(signal)]);
    log(`proxy: node ${nodeName} serving services (node ports on ${nodePortAddress})`);
  }

  const ready = run();
  const done = (async () => {
    await ready.catch(() => {});
    await runController({ name: "service-proxy", queue, sync, signal, log });
    services.stop();
    endpoints.stop();
    const entries = [...served.values()].flatMap((m) => [...m.values()]);
    served.clear();
    await Promise.all(entries.map((e) => e.proxy.close()));
    await rules.cleanup().catch((error: unknown) => log(`proxy: cleanup of rules failed: ${String(error)}`));
  })();

  return {
    ready,
    done,
    ports: () =>
      [...served.values()].flatMap((m) =>
        [...m.values()].map((e) => ({
          ...e.spec,
          ...(e.proxyPort !== undefined ? { proxyPort: e.proxyPort } : {}),
          backends: e.proxy.backends,
        })),
      ),
  };
}

function describe(entry: Entry): string {
  const parts: string[] = [];
  if (entry.spec.clusterIP) parts.push(`${entry.spec.clusterIP}:${entry.spec.port} -> :${entry.proxyPort ?? "-"}`);
  if (entry.spec.nodePort) parts.push(`node port ${entry.spec.nodePort}`);
  return parts.join(", ");
}
