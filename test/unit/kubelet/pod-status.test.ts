import { describe, expect, it } from "vitest";
import type { ContainerStatus, Pod, RestartPolicy } from "../../../src/api/types/index.js";
import { type ContainerDetails, containerStatus, podPhase } from "../../../src/kubelet/index.js";

function pod(restartPolicy: RestartPolicy): Pod {
  return { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { restartPolicy, containers: [] } };
}

const running: ContainerStatus = {
  name: "a",
  ready: true,
  restartCount: 0,
  image: "i",
  imageID: "",
  state: { running: {} },
};
const exited = (exitCode: number): ContainerStatus => ({ ...running, state: { terminated: { exitCode } } });
const waiting: ContainerStatus = { ...running, state: { waiting: { reason: "ContainerCreating" } } };
const backingOff: ContainerStatus = {
  ...running,
  state: { waiting: { reason: "CrashLoopBackOff" } },
  lastState: { terminated: { exitCode: 1 } },
};

describe("the pod phase", () => {
  it.each([
    ["Pending while a container waits to be created", "Always", [running, waiting], "Pending"],
    ["Running while any container runs", "Never", [running, exited(1)], "Running"],
    ["Running in CrashLoopBackOff (the container has run before)", "Always", [backingOff], "Running"],
    ["Running when all exited but Always restarts them", "Always", [exited(0)], "Running"],
    ["Succeeded when all exited 0 and none restarts", "OnFailure", [exited(0), exited(0)], "Succeeded"],
    ["Failed when one failed under Never", "Never", [exited(0), exited(1)], "Failed"],
    ["Running when a failure will be restarted under OnFailure", "OnFailure", [exited(1)], "Running"],
  ] as const)("is %s", (_, policy, statuses, phase) => {
    expect(podPhase(pod(policy), [...statuses])).toBe(phase);
  });
});

describe("a container's status", () => {
  const details: ContainerDetails = {
    id: "abc",
    name: "n",
    image: "i",
    imageId: "sha256:1",
    state: "exited",
    labels: { "io.slipway.attempt": "2" },
    createdAt: 0,
    exitCode: 137,
    oomKilled: true,
    startedAt: "2026-01-01T00:00:00Z",
    finishedAt: "2026-01-01T00:01:00Z",
  };

  it("reports an OOM-killed container as terminated with reason OOMKilled", () => {
    const status = containerStatus({
      name: "a",
      image: "i",
      current: details,
      restartCount: 2,
      started: true,
      ready: true,
    });
    expect(status).toEqual({
      name: "a",
      image: "i",
      imageID: "sha256:1",
      containerID: "docker://abc",
      ready: false,
      started: false,
      restartCount: 2,
      state: {
        terminated: {
          exitCode: 137,
          reason: "OOMKilled",
          startedAt: "2026-01-01T00:00:00Z",
          finishedAt: "2026-01-01T00:01:00Z",
          containerID: "docker://abc",
        },
      },
      lastState: {},
    });
  });

  it("keeps the last run in lastState while waiting in back-off", () => {
    const status = containerStatus({
      name: "a",
      image: "i",
      current: { ...details, oomKilled: false, exitCode: 1 },
      restartCount: 2,
      started: true,
      ready: true,
      waiting: { reason: "CrashLoopBackOff", message: "back-off 20s" },
    });
    expect(status.state).toEqual({ waiting: { reason: "CrashLoopBackOff", message: "back-off 20s" } });
    expect(status.lastState?.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
  });
});
