/**
 * Runs the parts of the engine that act on objects — controllers, the scheduler and a local
 * kubelet — against a Client, the way `k3s server` runs them beside its store. They meet only
 * through the store (DESIGN principle 1), so the same functions run in `up` (in-process client) and
 * `agent` (HTTP client). Each resolves when the signal aborts.
 */
import { hostname } from "node:os";
import { join } from "node:path";
import type { Client } from "../api/client.js";
import { isSlipwayError } from "../api/errors.js";
import {
  InformerFactory,
  startDeploymentController,
  startEndpointsController,
  startGarbageCollector,
  startNodeLifecycle,
  startReplicationControllers,
} from "../controllers/index.js";
import { DockerRuntime, startKubelet } from "../kubelet/index.js";
import { startServiceProxy } from "../proxy/index.js";
import { startScheduler } from "../scheduler/index.js";

export interface ComponentOptions {
  client: Client;
  signal: AbortSignal;
  log: (line: string) => void;
}

/** The parts that need no node: replication, deployments, endpoints, garbage collection, node lifecycle, scheduler. */
export async function startControllers({ client, signal, log }: ComponentOptions): Promise<void> {
  const prefixed = (name: string) => (line: string) => log(`[${name}] ${line}`);
  // One cache per kind for every controller: Pods, ReplicaSets and the rest are listed and watched
  // once, not once per controller. A periodic resync catches anything a handler missed.
  const informers = new InformerFactory(client, { resyncMs: 30_000, log: prefixed("informers") });
  const shared = { client, signal, informers };
  try {
    await Promise.all([
      startReplicationControllers({ ...shared, log: prefixed("replication") }),
      startDeploymentController({ ...shared, log: prefixed("deployment") }),
      startEndpointsController({ ...shared, log: prefixed("endpoints") }),
      startGarbageCollector({ ...shared, log: prefixed("gc") }),
      startNodeLifecycle({ ...shared, log: prefixed("node-lifecycle") }),
      startScheduler({ client, signal, log: prefixed("scheduler") }).done,
    ]);
  } finally {
    informers.stop();
  }
}

export interface NodeAgentOptions extends ComponentOptions {
  nodeName: string;
  /** Where pod volumes live (emptyDir, configMap and secret files). */
  rootDir: string;
  /** How long to wait between attempts while no Docker engine answers. */
  retryMs?: number;
  /**
   * Serve pod logs and exec for the API server to proxy to, requiring this token (the engine's);
   * 127.0.0.1 on a free port unless host/port say otherwise.
   */
  kubeletServer?: { token: string; host?: string; port?: number };
}

/** The node name `up` and `agent` use when none is given: the host name, as a DNS-1123 subdomain. */
export function defaultNodeName(): string {
  return (
    hostname()
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, "-")
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "") || "node"
  );
}

/**
 * Starts a kubelet for this node on the local Docker engine (DOCKER_HOST respected). While no
 * engine answers it says so once and tries again, so the control plane keeps serving meanwhile.
 */
export async function runNodeAgent({
  client,
  signal,
  log,
  nodeName,
  rootDir,
  retryMs = 5_000,
  kubeletServer,
}: NodeAgentOptions) {
  const runtime = new DockerRuntime();
  let warned = false;
  while (!signal.aborted) {
    try {
      await runtime.info();
      const kubelet = await startKubelet({
        client,
        runtime,
        nodeName,
        signal,
        rootDir,
        log: (l) => log(`[kubelet] ${l}`),
        ...(kubeletServer ? { server: kubeletServer } : {}),
      });
      log(`kubelet: node ${nodeName} registered, running pods on Docker`);
      await kubelet.done;
      return;
    } catch (error) {
      if (!isSlipwayError(error, "ServerUnreachable")) throw error;
      if (!warned)
        log(`kubelet: ${error.message}; pods stay Pending until Docker answers (${error.hint ?? "retrying"})`);
      warned = true;
      await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
    }
  }
}

export interface ServiceProxyRunOptions extends ComponentOptions {
  nodeName: string;
  /** Where node ports listen; default 0.0.0.0 (every address), as Kubernetes does. */
  nodePortAddress?: string;
}

/**
 * Runs this node's service proxy: cluster IPs (iptables DNAT to the proxy) and node ports. One per
 * Docker host: a second node on the same host (an agent) runs without one.
 */
export async function runServiceProxy({ client, signal, log, nodeName, nodePortAddress }: ServiceProxyRunOptions) {
  const proxy = startServiceProxy({
    client,
    signal,
    nodeName,
    log: (l) => log(`[proxy] ${l}`),
    ...(nodePortAddress ? { nodePortAddress } : {}),
  });
  await proxy.done;
}

export function kubeletRoot(stateDir: string): string {
  return join(stateDir, "kubelet");
}
