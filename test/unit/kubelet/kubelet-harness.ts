/**
 * A kubelet over the real registry (MemoryBackend, graceful pod deletion) and the FakeRuntime,
 * on a clock the test moves. Periodic resync is off: tests call `resync()` after moving the clock,
 * so nothing depends on real time; probes look for due work every few milliseconds.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KubeObject } from "../../../src/api/object.js";
import type { Container, Pod, PodSpec } from "../../../src/api/types/index.js";
import { type Kubelet, type KubeletOptions, startKubelet } from "../../../src/kubelet/index.js";
import { createRegistry, MemoryBackend, type Registry } from "../../../src/store/index.js";
import { FakeRuntime } from "../../helpers/fake-runtime.js";

export const START = Date.parse("2026-01-01T00:00:00Z");
export const IMAGE = "slipway.local/busybox:1";

export interface Harness {
  client: Registry;
  runtime: FakeRuntime;
  kubelet: Kubelet;
  nodeName: string;
  rootDir: string;
  /** Moves the fake clock forward. */
  advance(ms: number): void;
  now(): number;
  /** Starts another kubelet on the same store and runtime (after `stop()`: a restart). */
  restart(): Promise<Kubelet>;
  stop(): void;
  cleanup(): void;
}

export async function startHarness(
  overrides: Partial<KubeletOptions> = {},
  { runtime, clock = { value: START } }: { runtime?: FakeRuntime; clock?: { value: number } } = {},
): Promise<Harness> {
  const fake = runtime ?? new FakeRuntime({ images: [IMAGE], now: () => new Date(clock.value) });
  const client = createRegistry(new MemoryBackend(), { gracefulPodDeletion: true });
  const rootDir = mkdtempSync(join(tmpdir(), "slipway-kubelet-test-"));
  const nodeName = overrides.nodeName ?? "node-a";
  let controller = new AbortController();
  const start = () =>
    startKubelet({
      client,
      runtime: fake,
      nodeName,
      signal: controller.signal,
      now: () => clock.value,
      rootDir,
      hostIP: "192.0.2.10",
      resyncMs: 3_600_000,
      heartbeatMs: 3_600_000,
      probeTickMs: 2,
      log: process.env.KUBELET_DEBUG ? (m: string) => console.log(m) : () => {},
      ...overrides,
    });
  const harness: Harness = {
    client,
    runtime: fake,
    kubelet: await start(),
    nodeName,
    rootDir,
    advance: (ms) => {
      clock.value += ms;
    },
    now: () => clock.value,
    restart: async () => {
      controller = new AbortController();
      harness.kubelet = await start();
      return harness.kubelet;
    },
    stop: () => controller.abort(),
    cleanup: () => {
      controller.abort();
      rmSync(rootDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export function newPod(name: string, spec: Partial<PodSpec> = {}, nodeName = "node-a"): Pod {
  const containers: Container[] = spec.containers ?? [{ name: "app", image: IMAGE }];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: { nodeName, ...spec, containers },
  };
}

export async function createPod(client: Registry, pod: Pod): Promise<Pod> {
  return (await client.create(pod as KubeObject)) as Pod;
}

export async function getPod(client: Registry, name: string): Promise<Pod | undefined> {
  try {
    return (await client.get("Pod", "default", name)) as Pod;
  } catch {
    return undefined;
  }
}

/** Polls `check` until it returns something other than undefined; a bound only stops a hang. */
export async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Waits until the pod's status satisfies `predicate`, and returns the pod. */
export function podWhere(client: Registry, name: string, what: string, predicate: (pod: Pod) => boolean): Promise<Pod> {
  return until(what, async () => {
    const pod = await getPod(client, name);
    return pod && predicate(pod) ? pod : undefined;
  });
}

export function containerStatusOf(pod: Pod, name = "app") {
  return pod.status?.containerStatuses?.find((s) => s.name === name);
}

export function conditionOf(pod: Pod, type: string) {
  return pod.status?.conditions?.find((c) => c.type === type)?.status;
}
