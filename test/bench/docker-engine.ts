/**
 * What the Docker benchmarks share: an in-process engine (registry on SQLite, scheduler, optional
 * replication controllers, a kubelet on the real DockerRuntime; no HTTP), the raw dockerode
 * baseline (a pause container plus an app container joined to it, as the kubelet makes a pod),
 * a pod watcher, and cleanup of every container either side made.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import type { KubeObject } from "../../src/api/object.js";
import type { Pod } from "../../src/api/types/index.js";
import { startReplicationControllers } from "../../src/controllers/index.js";
import { DockerRuntime, LABELS, startKubelet } from "../../src/kubelet/index.js";
import { startScheduler } from "../../src/scheduler/index.js";
import { createRegistry, openSqliteBackend, type Registry } from "../../src/store/index.js";

export const APP_IMAGE = "slipway.local/busybox:1";
export const PAUSE_IMAGE = "slipway.local/pause:1";
export const NETWORK = "slipway";
/** Marks the raw baseline's containers so cleanup finds them. */
export const RAW_LABEL = "io.slipway.bench-raw";
/** The app both sides run: a long sleep, no output. */
export const APP_COMMAND = ["sleep", "3600"];

export interface BenchEngine {
  client: Registry;
  runtime: DockerRuntime;
  docker: Docker;
  nodeName: string;
  /** Stops every part, removes the containers of its node and its temp dir. */
  stop(): Promise<void>;
}

export async function startBenchEngine({
  nodeName,
  controllers = false,
}: {
  nodeName: string;
  controllers?: boolean;
}): Promise<BenchEngine> {
  const dir = await mkdtemp(join(tmpdir(), "slipway-bench-docker-"));
  const client = createRegistry(await openSqliteBackend(join(dir, "state.db")), { gracefulPodDeletion: true });
  const runtime = new DockerRuntime({ network: NETWORK, pauseImage: PAUSE_IMAGE });
  const controller = new AbortController();
  const { signal } = controller;
  const quiet = () => {};
  const scheduler = startScheduler({ client, signal, log: quiet, events: false });
  const replication = controllers ? startReplicationControllers({ client, signal, log: quiet }) : undefined;
  const kubelet = await startKubelet({
    client,
    runtime,
    nodeName,
    signal,
    rootDir: join(dir, "kubelet"),
    hostIP: "127.0.0.1",
    log: process.env.BENCH_DEBUG ? (m) => process.stderr.write(`kubelet: ${m}\n`) : quiet,
  });
  return {
    client,
    runtime,
    docker: runtime.client.docker,
    nodeName,
    async stop() {
      controller.abort();
      await Promise.allSettled([kubelet.done, scheduler.done, replication]);
      await removeLabelled(runtime.client.docker, `${LABELS.node}=${nodeName}`);
      await client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Removes (forced) every container carrying `label` (`key=value` or `key`). */
export async function removeLabelled(docker: Docker, label: string): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(
    list.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => {}),
    ),
  );
}

/**
 * The baseline: create and start a pause container, then an app container in its network namespace
 * (with Docker's `RestartPolicy: always` when asked).
 */
export async function rawPair(
  docker: Docker,
  name: string,
  run: string,
  { restartAlways = false }: { restartAlways?: boolean } = {},
): Promise<{ pause: string; app: string }> {
  const labels = { [RAW_LABEL]: run };
  const pause = await docker.createContainer({
    name: `${name}-pause`,
    Image: PAUSE_IMAGE,
    Labels: labels,
    HostConfig: { NetworkMode: NETWORK },
  });
  await pause.start();
  const app = await docker.createContainer({
    name: `${name}-app`,
    Image: APP_IMAGE,
    Entrypoint: APP_COMMAND,
    Labels: labels,
    HostConfig: {
      NetworkMode: `container:${pause.id}`,
      ...(restartAlways ? { RestartPolicy: { Name: "always" } } : {}),
    },
  });
  await app.start();
  return { pause: pause.id, app: app.id };
}

export function benchPod(name: string, labels: Record<string, string> = {}): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { bench: "docker", ...labels } },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [{ name: "app", image: APP_IMAGE, imagePullPolicy: "Never", command: APP_COMMAND }],
    },
  };
}

export const isRunning = (pod: Pod) =>
  pod.status?.phase === "Running" && (pod.status.containerStatuses ?? []).every((s) => s.state?.running);

/**
 * Watches pods and calls `onPod` with each version seen, with the time it arrived; returns a stop
 * function. This is the "watcher" whose view the benchmarks time.
 */
export function watchPods(client: Registry, onPod: (pod: Pod, at: number) => void): () => void {
  const watch = client.watch("Pod", {}, (event) => {
    if (event.type === "ADDED" || event.type === "MODIFIED") onPod(event.object as Pod, performance.now());
  });
  return () => watch.stop();
}

/**
 * Resolves at the next Docker `action` event of a container matching `match` (a container id or
 * labels); the stream is open when this returns, so call it before causing the event. `cancel`
 * closes the stream if the event never comes.
 */
export async function nextDockerEvent(
  docker: Docker,
  match: { container: string[] } | { label: string[] },
  action: string,
): Promise<{ seen: Promise<number>; cancel: () => void }> {
  const filters = { ...match, type: ["container" as const], event: [action] };
  const stream = (await docker.getEvents({ filters })) as NodeJS.ReadableStream & {
    destroy: () => void;
  };
  const seen = new Promise<number>((resolve, reject) => {
    // A bound against a hang, not a measurement.
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`bench: no ${action} event within 60 s`));
    }, 60_000);
    stream.once("data", () => {
      clearTimeout(timer);
      resolve(performance.now());
      stream.destroy();
    });
    stream.once("error", reject);
  });
  return { seen, cancel: () => stream.destroy() };
}

export async function createPod(client: Registry, pod: Pod): Promise<Pod> {
  return (await client.create(pod as KubeObject)) as Pod;
}

/** Resolves when `check` holds; rejects after `ms` (a bound against a hang, not a measurement). */
export async function until(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export const ratioVerdict = (ok: boolean) => (ok ? "met" : "**missed**");
