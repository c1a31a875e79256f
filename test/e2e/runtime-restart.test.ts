/**
 * Crash safety of the whole engine: `kill -9` of `slipway up` in the middle of a rollout, then a
 * new `up` on the same state directory. The store holds the truth, the containers carry their
 * identity in labels, so the new process adopts what runs and finishes the rollout: in the end one
 * running container and one sandbox per pod that exists, and nothing for pods that are gone.
 */
import { describe, expect, it } from "vitest";
import { type ContainerInfo, getPods, isReady, nodeContainers, until, useDockerEngine } from "../helpers/docker-e2e.js";
import { startSlipway } from "../helpers/slipway-process.js";

const NODE = `e2e-restart-${process.pid}`;
const OLD = "slipway.local/nginx:1.7.9";
const NEW = "slipway.local/nginx:1.9.1";

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: web
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: web
          image: ${OLD}
          readinessProbe:
            httpGet:
              port: 80
            initialDelaySeconds: 2
            periodSeconds: 1
`;

const podUid = (c: ContainerInfo) => c.Labels["io.slipway.pod-uid"] ?? "";
const isSandbox = (c: ContainerInfo) => c.Labels["io.slipway.container-name"] === "POD";

describe("kill -9 of slipway up during a rollout", () => {
  const fixture = useDockerEngine(NODE);

  it("converges after a restart with no duplicate and no orphan container", async () => {
    const first = fixture.engine;
    expect((await first.cli("apply", "-f", await fixture.files.write("web.yaml", deployment))).code).toBe(0);
    expect((await first.cli("rollout", "status", "deploy/web", "--timeout", "90s")).code).toBe(0);
    expect((await first.cli("set", "image", "deployment/web", `web=${NEW}`)).code).toBe(0);

    // Mid-rollout: a container of the new image runs while pods of the old one still exist.
    await until(
      "the rollout under way",
      async () => ({ pods: await getPods(first), running: await nodeContainers([NODE]) }),
      ({ pods, running }) =>
        running.some((c) => c.Image === NEW) && pods.some((p) => p.spec.containers[0]?.image === OLD),
    );
    first.process.kill("SIGKILL");
    await first.stop();
    expect(first.process.signalCode).toBe("SIGKILL");

    fixture.engine = await startSlipway({ nodeName: NODE, stateDir: first.stateDir });
    const second = fixture.engine;
    const settled = await until(
      "one container and one sandbox per pod, all on the new image",
      async () => {
        const pods = await getPods(second);
        const all = await nodeContainers([NODE], { all: true });
        return { pods, all };
      },
      ({ pods, all }) => {
        const uids = new Set(pods.map((p) => p.metadata.uid));
        const running = all.filter((c) => c.State === "running");
        return (
          pods.length === 3 &&
          pods.every((p) => p.spec.containers[0]?.image === NEW && isReady(p) && !p.metadata.deletionTimestamp) &&
          running.filter((c) => !isSandbox(c)).length === 3 &&
          running.filter(isSandbox).length === 3 &&
          all.every((c) => uids.has(podUid(c)))
        );
      },
      120_000,
    );

    // Exactly one running app container and one running sandbox per pod; nothing of deleted pods.
    const running = settled.all.filter((c) => c.State === "running");
    for (const pod of settled.pods) {
      const mine = running.filter((c) => podUid(c) === pod.metadata.uid);
      expect(mine.filter(isSandbox)).toHaveLength(1);
      expect(mine.filter((c) => !isSandbox(c)).map((c) => c.Image)).toEqual([NEW]);
    }
    const uids = new Set(settled.pods.map((p) => p.metadata.uid));
    expect(settled.all.filter((c) => !uids.has(podUid(c)))).toEqual([]);
    expect((await second.cli("rollout", "status", "deploy/web", "--timeout", "30s")).code).toBe(0);
  }, 240_000);
});
