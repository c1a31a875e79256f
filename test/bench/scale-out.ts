/**
 * Issue 3's scale-out benchmark: a ReplicationController written with 100 replicas on an empty
 * node, until a watcher sees all 100 pods Running — containers running per second — against the
 * raw Docker rate of creating and starting the same 100 pause + app pairs with dockerode at the
 * kubelet's concurrency (its pod workers run every pod at once: 100).
 */
import type { KubeObject } from "../../src/api/object.js";
import {
  APP_COMMAND,
  APP_IMAGE,
  isRunning,
  RAW_LABEL,
  ratioVerdict,
  rawPair,
  removeLabelled,
  startBenchEngine,
  until,
  watchPods,
} from "./docker-engine.js";

const REPLICAS = 100;
/** Containers per pod: the sandbox and the app. */
const PER_POD = 2;

async function rawRate(engine: Awaited<ReturnType<typeof startBenchEngine>>, run: string, concurrency: number) {
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < REPLICAS) {
      const i = next++;
      await rawPair(engine.docker, `${run}-${concurrency}-${i}`, run);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, REPLICAS) }, worker));
  const ms = performance.now() - start;
  await removeLabelled(engine.docker, `${RAW_LABEL}=${run}`);
  return { ms, rate: (REPLICAS * PER_POD) / (ms / 1000) };
}

function controller(replicas: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ReplicationController",
    metadata: { name: "scale", namespace: "default" },
    spec: {
      replicas,
      selector: { app: "scale" },
      template: {
        metadata: { labels: { app: "scale" } },
        spec: {
          terminationGracePeriodSeconds: 0,
          containers: [{ name: "app", image: APP_IMAGE, imagePullPolicy: "Never", command: APP_COMMAND }],
        },
      },
    },
  } as KubeObject;
}

/** Runs the benchmark and returns a markdown section for RESULTS.md. */
export async function benchScaleOut(log: (line: string) => void): Promise<string> {
  const run = `scale-out-${process.pid}`;
  const engine = await startBenchEngine({ nodeName: `bench-scale-out-${process.pid}`, controllers: true });
  const running = new Set<string>();
  const stopWatch = watchPods(engine.client, (pod) => {
    if (isRunning(pod)) running.add(pod.metadata.name ?? "");
  });
  try {
    // Warm-up: the pod network and the images' layers, outside the measurement.
    await rawRate(engine, `${run}-warm`, 4).catch(async () => {
      await engine.runtime.createSandbox({
        pod: { uid: "warm", namespace: "default", name: "warm" },
        node: engine.nodeName,
        specHash: "warm",
        attempt: 0,
      });
      await rawRate(engine, `${run}-warm`, 4);
    });
    const raw = await rawRate(engine, run, REPLICAS);
    log(`  raw at concurrency ${REPLICAS}: ${raw.rate.toFixed(1)} containers/s`);

    const start = performance.now();
    await engine.client.create(controller(REPLICAS));
    await until(`${REPLICAS} pods Running`, () => running.size >= REPLICAS, 300_000);
    const ms = performance.now() - start;
    const rate = (REPLICAS * PER_POD) / (ms / 1000);
    log(`  slipway: ${rate.toFixed(1)} containers/s`);
    const ratio = rate / raw.rate;
    const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
    return [
      `### Scale-out on Docker: 0 → ${REPLICAS} replicas of a ReplicationController`,
      "",
      `From writing the RC until a watcher sees all ${REPLICAS} pods Running (${REPLICAS * PER_POD} containers:`,
      `sandbox + app each), in-process registry (SQLite), replication controller, scheduler and kubelet on`,
      `Docker. Baseline: create + start the same ${REPLICAS} pause + app pairs with dockerode at the kubelet's`,
      `concurrency (its pod workers start every pod at once: ${REPLICAS}).`,
      "",
      "| measure | value | target |",
      "|---|---|---|",
      `| raw dockerode, concurrency ${REPLICAS} | ${raw.rate.toFixed(1)} containers/s (${s(raw.ms)}) | baseline |`,
      `| slipway | ${rate.toFixed(1)} containers/s (${s(ms)}) | |`,
      `| ratio slipway / raw | ${ratio.toFixed(2)} | ≥ 0.9: ${ratioVerdict(ratio >= 0.9)} |`,
      "",
    ].join("\n");
  } finally {
    stopWatch();
    await removeLabelled(engine.docker, `${RAW_LABEL}=${run}`);
    await removeLabelled(engine.docker, `${RAW_LABEL}=${run}-warm`);
    await engine.stop();
  }
}
