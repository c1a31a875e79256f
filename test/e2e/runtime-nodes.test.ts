/**
 * Two nodes on one Docker host: `slipway up --node-name A` plus `slipway agent --node-name B` on the
 * same state directory (the agent joins through the kubeconfig). The scheduler spreads an RC's pods
 * over both, and a pod that fits on neither stays Pending with Kubernetes' reason.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appContainers,
  buildImages,
  condition,
  getPods,
  manifestDir,
  type RunningAgent,
  removeDir,
  removeNodeContainers,
  startAgent,
  until,
} from "../helpers/docker-e2e.js";
import { type RunningSlipway, removeState, startSlipway } from "../helpers/slipway-process.js";

const A = `e2e-node-a-${process.pid}`;
const B = `e2e-node-b-${process.pid}`;

const rc = `apiVersion: v1
kind: ReplicationController
metadata:
  name: spread
spec:
  replicas: 4
  selector:
    app: spread
  template:
    metadata:
      labels:
        app: spread
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: app
          image: slipway.local/busybox:1
          command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait; done"]
`;

const greedy = `apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  containers:
    - name: app
      image: slipway.local/busybox:1
      command: ["sleep", "3600"]
      resources:
        requests:
          cpu: "64"
`;

describe("two nodes: slipway up and slipway agent", () => {
  let engine: RunningSlipway | undefined;
  let agent: RunningAgent | undefined;
  let files: Awaited<ReturnType<typeof manifestDir>> | undefined;

  beforeAll(async () => {
    buildImages();
    files = await manifestDir();
    engine = await startSlipway({ nodeName: A });
    agent = await startAgent(engine.stateDir, B);
  }, 120_000);

  afterAll(async () => {
    await agent?.stop();
    await engine?.stop();
    await removeNodeContainers([A, B]);
    if (engine) await removeState(engine.stateDir);
    await removeDir(files?.dir);
  });

  it("spreads an RC of 4 over both nodes, 2 and 2", async () => {
    await until(
      "both nodes Ready",
      async () => (await engine!.cli("get", "nodes")).stdout,
      (out) => [A, B].every((n) => new RegExp(`^${n}\\s+Ready\\b`, "m").test(out)),
    );
    expect((await engine!.cli("apply", "-f", await files!.write("rc.yaml", rc))).code).toBe(0);
    const pods = await until(
      "4 running pods",
      () => getPods(engine!),
      (p) => p.filter((x) => x.status?.phase === "Running").length === 4,
    );
    const perNode = (node: string) => pods.filter((p) => p.spec.nodeName === node).length;
    expect({ [A]: perNode(A), [B]: perNode(B) }).toEqual({ [A]: 2, [B]: 2 });
    // Each kubelet ran its own pods: the containers carry their node's label.
    const running = await until(
      "4 containers",
      () => appContainers([A, B]),
      (c) => c.length === 4,
    );
    const onNode = (node: string) => running.filter((c) => c.Labels["io.slipway.node"] === node).length;
    expect({ [A]: onNode(A), [B]: onNode(B) }).toEqual({ [A]: 2, [B]: 2 });
  }, 120_000);

  it("leaves a pod asking for more cpu than any node has Pending, saying why", async () => {
    const message = "0/2 nodes are available: 2 Insufficient cpu.";
    expect((await engine!.cli("apply", "-f", await files!.write("greedy.yaml", greedy))).code).toBe(0);
    const pod = await until(
      "PodScheduled=False",
      async () => (await getPods(engine!)).find((p) => p.metadata.name === "greedy"),
      (p) => p !== undefined && condition(p, "PodScheduled") === "False",
      60_000,
    );
    expect(pod?.status?.phase).toBe("Pending");
    expect(pod?.spec.nodeName).toBeUndefined();
    expect(pod?.status?.conditions?.find((c) => c.type === "PodScheduled")).toMatchObject({
      status: "False",
      reason: "Unschedulable",
      message,
    });
    const described = (await engine!.cli("describe", "pod", "greedy")).stdout;
    expect(described).toContain(message);
    const [, ready, status] =
      (await engine!.cli("get", "pods", "greedy")).stdout
        .split("\n")
        .find((l) => l.startsWith("greedy "))
        ?.split(/\s+/) ?? [];
    expect({ ready, status }).toEqual({ ready: "0/1", status: "Pending" });
  }, 90_000);
});
