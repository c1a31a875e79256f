/**
 * How a pod that cannot run properly looks through the CLI on real Docker, as in Kubernetes: a
 * crashing container goes into CrashLoopBackOff with a back-off that grows, a failing readiness
 * probe leaves the pod Running but not Ready, and an image that cannot be pulled shows
 * ErrImagePull then ImagePullBackOff. Each case runs its own `slipway up` under its own node name,
 * side by side.
 */
import { describe, expect, it } from "vitest";
import type { Event, Pod } from "../../src/api/types/index.js";
import {
  buildImages,
  condition,
  getPods,
  manifestDir,
  removeDir,
  removeNodeContainers,
  until,
} from "../helpers/docker-e2e.js";
import { type RunningSlipway, removeState, startSlipway } from "../helpers/slipway-process.js";

type OnFinished = (cleanup: () => Promise<void>) => void;

/**
 * A `slipway up` with a kubelet named after the case, with `yaml` applied; when the test finishes
 * (passed or not) the engine stops and its containers, state and files are removed.
 */
async function engineWith(name: string, yaml: string, onTestFinished: OnFinished): Promise<RunningSlipway> {
  const node = `e2e-${name}-${process.pid}`;
  const files = await manifestDir();
  const engine = await startSlipway({ nodeName: node }).catch(async (error: unknown) => {
    await removeDir(files.dir);
    throw error;
  });
  onTestFinished(async () => {
    await engine.stop();
    await removeNodeContainers([node]);
    await removeState(engine.stateDir);
    await removeDir(files.dir);
  });
  const result = await engine.cli("apply", "-f", await files.write("pod.yaml", yaml));
  expect(result.code, result.stderr).toBe(0);
  return engine;
}

const pod = (name: string, container: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 1
  containers:
${container}`;

async function onePod(engine: RunningSlipway, name: string): Promise<Pod | undefined> {
  return (await getPods(engine)).find((p) => p.metadata.name === name);
}

/** The row of `slipway get pods` for `name`, split into columns. */
async function row(engine: RunningSlipway, name: string): Promise<string[]> {
  const out = (await engine.cli("get", "pods", name)).stdout;
  return (
    out
      .split("\n")
      .find((l) => l.startsWith(`${name} `))
      ?.split(/\s+/) ?? []
  );
}

describe.concurrent("pods that cannot run properly, on real Docker", () => {
  buildImages();

  it("puts a crashing container into CrashLoopBackOff with a back-off of 10 s, then 20 s", async ({
    onTestFinished,
  }) => {
    const engine = await engineWith(
      "crash",
      pod(
        "crashy",
        `    - name: app
      image: slipway.local/busybox:1
      command: ["sh", "-c", "echo crashing; exit 3"]
`,
      ),
      onTestFinished,
    );
    // Each back-off the kubelet reports, in order, with the restart count it reported it at.
    const seen: { backOff: string; restarts: number }[] = [];
    await until(
      "a 20 s back-off",
      async () => {
        const status = (await onePod(engine, "crashy"))?.status?.containerStatuses?.[0];
        const backOff = /^back-off (\d+)s restarting failed container=app/.exec(status?.state?.waiting?.message ?? "");
        if (backOff && seen.at(-1)?.backOff !== backOff[1])
          seen.push({ backOff: backOff[1] ?? "", restarts: status?.restartCount ?? -1 });
        return seen;
      },
      (s) => s.some((x) => x.backOff === "20"),
      60_000,
    );
    expect(seen.map((s) => s.backOff)).toEqual(["10", "20"]);
    // The first restart is immediate, the second waited out the 10 s back-off.
    expect(seen.map((s) => s.restarts)).toEqual([1, 2]);

    const [, ready, status, restarts] = await row(engine, "crashy");
    expect({ ready, status, restarts }).toEqual({ ready: "0/1", status: "CrashLoopBackOff", restarts: "2" });
    const crashed = await onePod(engine, "crashy");
    expect(crashed?.status?.containerStatuses?.[0]?.lastState?.terminated).toMatchObject({ exitCode: 3 });
    const described = (await engine.cli("describe", "pod", "crashy")).stdout;
    expect(described).toMatch(/Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container app in pod crashy/);
    expect(described).toMatch(/Normal\s+Started\s+.*kubelet\s+Started container app/);
  }, 90_000);

  it("keeps a pod whose readiness probe fails Running but not Ready", async ({ onTestFinished }) => {
    const engine = await engineWith(
      "unready",
      pod(
        "unready",
        `    - name: app
      image: slipway.local/busybox:1
      command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait; done"]
      readinessProbe:
        exec:
          command: ["sh", "-c", "echo backend unreachable; exit 1"]
        periodSeconds: 1
        failureThreshold: 2
`,
      ),
      onTestFinished,
    );
    // Wait until the probe has failed more often than its threshold: the verdict is settled.
    await until(
      "three readiness failures",
      async () => {
        const events = JSON.parse((await engine.cli("get", "events", "-o", "json")).stdout) as { items: Event[] };
        return events.items.find((e) => e.reason === "Unhealthy" && e.involvedObject.name === "unready")?.count ?? 0;
      },
      (count) => count >= 3,
      60_000,
    );
    const unready = await onePod(engine, "unready");
    expect(unready?.status?.phase).toBe("Running");
    expect(condition(unready!, "Ready")).toBe("False");
    expect(condition(unready!, "ContainersReady")).toBe("False");
    const container = unready?.status?.containerStatuses?.[0];
    expect(container?.state?.running).toBeDefined();
    expect({ ready: container?.ready, restarts: container?.restartCount }).toEqual({ ready: false, restarts: 0 });
    const [, ready, status] = await row(engine, "unready");
    expect({ ready, status }).toEqual({ ready: "0/1", status: "Running" });
    const described = (await engine.cli("describe", "pod", "unready")).stdout;
    expect(described).toMatch(/Warning\s+Unhealthy\s+.*kubelet\s+Readiness probe failed: backend unreachable/);
  }, 90_000);

  it("shows ErrImagePull, then ImagePullBackOff, for an image that cannot be pulled", async ({ onTestFinished }) => {
    const engine = await engineWith(
      "pull",
      pod(
        "nope",
        `    - name: app
      image: slipway.invalid/nope:1
`,
      ),
      onTestFinished,
    );
    const statuses: string[] = [];
    await until(
      "ImagePullBackOff after ErrImagePull",
      async () => {
        const [, , status] = await row(engine, "nope");
        if (status && statuses.at(-1) !== status) statuses.push(status);
        return statuses;
      },
      (s) => s.includes("ErrImagePull") && s.lastIndexOf("ImagePullBackOff") > s.indexOf("ErrImagePull"),
      60_000,
    );
    // Once the first pull failed, the pod only ever alternates between the two.
    const afterFirstPull = statuses.slice(statuses.findIndex((x) => x === "ErrImagePull" || x === "ImagePullBackOff"));
    expect(new Set(afterFirstPull)).toEqual(new Set(["ErrImagePull", "ImagePullBackOff"]));
    const described = (await engine.cli("describe", "pod", "nope")).stdout;
    expect(described).toMatch(/Warning\s+Failed\s+.*kubelet\s+Failed to pull image "slipway.invalid\/nope:1"/);
    expect(described).toMatch(/Normal\s+BackOff\s+.*kubelet\s+Back-off pulling image "slipway.invalid\/nope:1"/);
  }, 90_000);
});
