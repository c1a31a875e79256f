/**
 * Issue 3's pod-start benchmark: from writing a Pod (in-process registry, scheduler and kubelet on
 * Docker, no HTTP) until a watcher sees it Running, against creating and starting the same two
 * containers (pause, then the app joined to its network namespace) directly with dockerode.
 * Pods start one at a time; the two sides alternate so that drift in the engine hits both alike.
 */

import {
  benchPod,
  createPod,
  isRunning,
  RAW_LABEL,
  ratioVerdict,
  rawPair,
  removeLabelled,
  startBenchEngine,
  until,
  watchPods,
} from "./docker-engine.js";
import { median, percentile } from "./stats.js";

const PODS = 30;
const WARMUP = 3;

/** Runs the benchmark and returns a markdown section for RESULTS.md. */
export async function benchPodStart(log: (line: string) => void): Promise<string> {
  const run = `pod-start-${process.pid}`;
  const engine = await startBenchEngine({ nodeName: `bench-pod-start-${process.pid}` });
  const runningAt = new Map<string, number>();
  const stopWatch = watchPods(engine.client, (pod, at) => {
    const name = pod.metadata.name ?? "";
    if (isRunning(pod) && !runningAt.has(name)) runningAt.set(name, at);
  });
  const slipwayStart = async (name: string): Promise<number> => {
    const start = performance.now();
    await createPod(engine.client, benchPod(name));
    await until(`${name} Running`, () => runningAt.has(name));
    return runningAt.get(name)! - start;
  };
  const rawStart = async (name: string): Promise<number> => {
    const start = performance.now();
    await rawPair(engine.docker, name, run);
    return performance.now() - start;
  };
  try {
    // The first Slipway pod creates the pod network; warm-up starts are not counted.
    for (let i = 0; i < WARMUP; i++) {
      await slipwayStart(`warm-${i}`);
      await rawStart(`${run}-warm-${i}`);
    }
    const raw: number[] = [];
    const slipway: number[] = [];
    for (let i = 0; i < PODS; i++) {
      // Alternate which side goes first.
      if (i % 2 === 0) {
        raw.push(await rawStart(`${run}-${i}`));
        slipway.push(await slipwayStart(`pod-${i}`));
      } else {
        slipway.push(await slipwayStart(`pod-${i}`));
        raw.push(await rawStart(`${run}-${i}`));
      }
      if ((i + 1) % 10 === 0)
        log(`  ${i + 1}/${PODS}: slipway ${slipway.at(-1)!.toFixed(0)} ms, raw ${raw.at(-1)!.toFixed(0)} ms`);
    }
    const p50 = median(slipway) / median(raw);
    const p99 = percentile(slipway, 99) / percentile(raw, 99);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    return [
      "### Pod start on Docker: write a Pod until a watcher sees it Running",
      "",
      `${PODS} pods one after another (after ${WARMUP} warm-up starts each side), on one node; in-process`,
      "registry (SQLite), scheduler and kubelet on the real DockerRuntime, no HTTP. Baseline: create + start",
      "a pause container on the pod network, then create + start the app container in its network",
      "namespace, directly with dockerode. The sides alternate.",
      "",
      "| measure | raw dockerode | slipway | ratio | target |",
      "|---|---|---|---|---|",
      `| p50 | ${ms(median(raw))} | ${ms(median(slipway))} | ${p50.toFixed(2)}× | ≤ 1.15×: ${ratioVerdict(p50 <= 1.15)} |`,
      `| p99 | ${ms(percentile(raw, 99))} | ${ms(percentile(slipway, 99))} | ${p99.toFixed(2)}× | ≤ 1.3×: ${ratioVerdict(p99 <= 1.3)} |`,
      `| min / max | ${ms(Math.min(...raw))} / ${ms(Math.max(...raw))} | ${ms(Math.min(...slipway))} / ${ms(Math.max(...slipway))} | | |`,
      "",
    ].join("\n");
  } finally {
    stopWatch();
    await removeLabelled(engine.docker, `${RAW_LABEL}=${run}`);
    await engine.stop();
  }
}
