/**
 * Issue 3's self-heal benchmark: a pod's app container removed from outside (`docker rm -f`) until
 * a watcher sees the pod Running again on its replacement, against Docker's own restart policy on
 * the same kind of container (a pause + app pair, the app with `RestartPolicy: always`, killed
 * until Docker reports it started again). `docker kill` counts as a manual stop for Docker, which
 * then does not restart: the baseline kills the app's process from the host (SIGKILL to its pid),
 * which Docker treats as a crash. Docker delays a restart by 100 ms, doubling when the container
 * ran less than 10 s: each baseline round uses a fresh pair, so every round is Docker's fastest,
 * first restart.
 */
import type { Pod } from "../../src/api/types/index.js";
import { LABELS } from "../../src/kubelet/index.js";
import {
  benchPod,
  createPod,
  isRunning,
  nextDockerEvent,
  RAW_LABEL,
  ratioVerdict,
  rawPair,
  removeLabelled,
  startBenchEngine,
  until,
  watchPods,
} from "./docker-engine.js";
import { median } from "./stats.js";

const ROUNDS = 10;

const restarts = (pod: Pod) => pod.status?.containerStatuses?.[0]?.restartCount ?? -1;

/** Runs the benchmark and returns a markdown section for RESULTS.md. */
export async function benchSelfHeal(log: (line: string) => void): Promise<string> {
  const run = `self-heal-${process.pid}`;
  const engine = await startBenchEngine({ nodeName: `bench-self-heal-${process.pid}` });
  const { docker } = engine;
  // Restart count -> when the watcher first saw the pod running with it.
  const runningWith = new Map<number, number>();
  const stopWatch = watchPods(engine.client, (pod, at) => {
    if (isRunning(pod) && !runningWith.has(restarts(pod))) runningWith.set(restarts(pod), at);
  });
  try {
    const pod = await createPod(engine.client, benchPod("healer"));
    const uid = pod.metadata.uid ?? "";
    await until("pod Running", () => runningWith.has(0));

    const slipwayRound = async (round: number): Promise<{ watched: number; started: number; removed: number }> => {
      const [app] = await docker.listContainers({
        filters: { label: [`${LABELS.podUid}=${uid}`, `${LABELS.containerName}=app`], status: ["running"] },
      });
      if (!app) throw new Error("bench: no running app container");
      const started = await nextDockerEvent(docker, { label: [`${LABELS.podUid}=${uid}`] }, "start");
      const t0 = performance.now();
      await docker.getContainer(app.Id).remove({ force: true });
      const removed = performance.now() - t0;
      await until(`restart ${round}`, () => runningWith.has(round));
      const startedAt = await started.seen;
      return { watched: runningWith.get(round)! - t0, started: startedAt - t0, removed };
    };
    const rawRound = async (round: number): Promise<number> => {
      // Needs the engine's processes to be visible here (a local engine), as kill -9 from a shell would.
      const pair = await rawPair(docker, `${run}-${round}`, run, { restartAlways: true });
      const started = await nextDockerEvent(docker, { container: [pair.app] }, "start");
      const { State } = await docker.getContainer(pair.app).inspect();
      const t0 = performance.now();
      process.kill(State.Pid, "SIGKILL");
      const at = await started.seen;
      await removeLabelled(docker, `${RAW_LABEL}=${run}`);
      return at - t0;
    };

    const raw: number[] = [];
    const watched: number[] = [];
    const started: number[] = [];
    const removed: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const s = await slipwayRound(round);
      watched.push(s.watched);
      started.push(s.started);
      removed.push(s.removed);
      raw.push(await rawRound(round));
      if (round % 5 === 0)
        log(`  ${round}/${ROUNDS}: slipway ${s.watched.toFixed(0)} ms, docker ${raw.at(-1)!.toFixed(0)} ms`);
    }
    const ratio = median(watched) / median(raw);
    const startedRatio = median(started) / median(raw);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    return [
      "### Self-heal on Docker: a container removed from outside until its replacement runs",
      "",
      `Median of ${ROUNDS} rounds, the two sides alternating. Slipway: \`docker rm -f\` of a pod's app container`,
      "until a watcher sees the pod Running on the replacement (the kubelet hears Docker's destroy event).",
      "Baseline: SIGKILL from the host to the process of an app container with `RestartPolicy: always` (a",
      "fresh pause + app pair each round, so Docker's first and fastest restart) until Docker reports it",
      "started. (`docker kill` is a manual stop for Docker, which then never restarts the container.)",
      "",
      "| measure | value | ratio to Docker | target |",
      "|---|---|---|---|",
      `| Docker restart policy: kill → started | ${ms(median(raw))} | baseline | |`,
      `| slipway: rm -f → pod Running seen by a watcher | ${ms(median(watched))} | ${ratio.toFixed(2)}× | ≤ 1.5×: ${ratioVerdict(ratio <= 1.5)} |`,
      `| slipway: the rm -f call itself (kill + remove) | ${ms(median(removed))} | | |`,
      `| slipway: rm -f → replacement started (Docker event) | ${ms(median(started))} | ${startedRatio.toFixed(2)}× | |`,
      "",
    ].join("\n");
  } finally {
    stopWatch();
    await removeLabelled(docker, `${RAW_LABEL}=${run}`);
    await engine.stop();
  }
}
