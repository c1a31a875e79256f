/**
 * `slipway up`: the control plane in one process, like `k3s server`: the embedded store and the
 * API server now; controllers, scheduler and kubelet join as they land. Writes the token and a
 * kubeconfig into the state directory so client commands (and kubectl) find it.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { columnsFor } from "../../api/columns/index.js";
import { SlipwayError } from "../../api/errors.js";
import {
  ensureServingCertificate,
  ensureToken,
  startApiServer,
  tableProviderFromColumns,
  writeKubeconfig,
} from "../../apiserver/index.js";
import { startGitServer } from "../../gitops/index.js";
import { createRegistry, openSqliteBackend } from "../../store/index.js";
import { kubeletRoot, runNodeAgent, runServiceProxy, startControllers } from "../control-plane.js";
import { statePaths } from "../state.js";

export interface UpOptions {
  stateDir: string;
  listen: string;
  /** This machine's node; its kubelet runs pods on the local Docker engine. */
  nodeName: string;
  /** Run only the control plane (store, API, controllers, scheduler): pods run on agents. */
  kubelet: boolean;
  /** Range cluster IPs are allocated from (CIDR). */
  serviceCidr: string;
  /** Range node ports are allocated from (`min-max`). */
  nodePortRange: string;
  /** Where NodePort services listen; every address when absent, as in Kubernetes. */
  nodePortAddress?: string;
  /** The git server's address; default: the API server's host, its port + 1 (0 stays 0). */
  gitListen?: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

export function parseListen(text: string): { host: string; port: number } {
  const at = text.lastIndexOf(":");
  const host = at >= 0 ? text.slice(0, at).replace(/^\[|\]$/g, "") : "127.0.0.1";
  const port = Number(at >= 0 ? text.slice(at + 1) : text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SlipwayError("Usage", `--listen: invalid port in "${text}"`, { hint: "e.g. --listen 127.0.0.1:6480" });
  }
  return { host: host || "127.0.0.1", port };
}

/** One `up` per state directory: a second one would serve a store whose watchers it cannot see. */
async function takeLock(path: string): Promise<void> {
  try {
    const pid = Number(await readFile(path, "utf8"));
    if (pid && pid !== process.pid) {
      process.kill(pid, 0);
      throw new SlipwayError("Conflict", `another slipway up (pid ${pid}) is using this state directory`, {
        hint: "stop it first, or use another --state DIR",
      });
    }
  } catch (error) {
    if (error instanceof SlipwayError) throw error;
    // No lock file, or its process is gone: the lock is free.
  }
  await writeFile(path, String(process.pid));
}

export async function upCommand(options: UpOptions): Promise<void> {
  const { stateDir, listen, nodeName, kubelet, log, signal } = options;
  const paths = statePaths(stateDir);
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  const lock = `${paths.dir}/up.pid`;
  await takeLock(lock);
  const backend = await openSqliteBackend(paths.store);
  // Deleting a pod marks it; its kubelet stops the containers gracefully, then removes it.
  const registry = createRegistry(backend, {
    gracefulPodDeletion: true,
    serviceClusterIpRange: options.serviceCidr,
    serviceNodePortRange: options.nodePortRange,
  });
  const token = await ensureToken(paths.dir);
  const address = parseListen(listen);
  // kubectl sends a bearer token only over TLS: serve HTTPS with a self-signed CA kept in the state dir.
  const tls = await ensureServingCertificate(paths.dir, [address.host]);
  const server = await startApiServer({
    client: registry,
    listen: address,
    token,
    tls,
    table: tableProviderFromColumns(columnsFor),
  });
  await writeKubeconfig({ path: paths.kubeconfig, server: server.url, token, ca: tls.cert });
  log(`slipway is up: API server at ${server.url}`);
  log(`state directory ${paths.dir}`);
  log(`kubeconfig ${paths.kubeconfig}  (kubectl --kubeconfig ${paths.kubeconfig} get pods)`);
  const git = await startGitServer({
    client: registry,
    stateDir: paths.dir,
    token,
    log,
    signal,
    listen: options.gitListen
      ? parseListen(options.gitListen)
      : { host: address.host, port: address.port === 0 ? 0 : address.port + 1 },
  });
  log(`git server at ${git.url}  (slipway init DIR, then git push deploys)`);
  const components = [startControllers({ client: registry, signal, log })];
  if (kubelet) {
    const root = kubeletRoot(paths.dir);
    components.push(runNodeAgent({ client: registry, signal, log, nodeName, rootDir: root, kubeletServer: { token } }));
    const proxy = { client: registry, signal, log, nodeName };
    const address = options.nodePortAddress;
    components.push(runServiceProxy(address ? { ...proxy, nodePortAddress: address } : proxy));
  }
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
  log("slipway is stopping");
  await Promise.allSettled(components);
  await git.close();
  await server.close();
  await registry.close(); // closes the backend too
  await rm(lock, { force: true });
}
