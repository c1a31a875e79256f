/**
 * A Deployment's rolling update keeps its promise while it runs: sampling the pods through the CLI
 * for the whole rollout, never fewer than replicas − maxUnavailable of them are Ready. A readiness
 * probe (httpGet on the pod's httpd) makes Ready mean "answers", not merely "started".
 */
import { describe, expect, it } from "vitest";
import type { Pod } from "../../src/api/types/index.js";
import { appContainers, getPods, isReady, until, useDockerEngine } from "../helpers/docker-e2e.js";

const NODE = `e2e-rollout-${process.pid}`;
const REPLICAS = 3;
const MAX_UNAVAILABLE = 1;
const OLD = "slipway.local/nginx:1.7.9";
const NEW = "slipway.local/nginx:1.9.1";

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${REPLICAS}
  # A new pod counts as available 3 s after it is Ready: old and new serve side by side a while.
  minReadySeconds: 3
  selector:
    matchLabels:
      app: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: ${MAX_UNAVAILABLE}
  template:
    metadata:
      labels:
        app: web
    spec:
      terminationGracePeriodSeconds: 2
      containers:
        - name: web
          image: ${OLD}
          ports:
            - containerPort: 80
          readinessProbe:
            httpGet:
              port: 80
              path: /
            initialDelaySeconds: 2
            periodSeconds: 1
`;

/** Ready pods of the Deployment that are not on their way out. */
const readyServing = (pods: Pod[]) =>
  pods.filter((p) => p.metadata.labels?.app === "web" && !p.metadata.deletionTimestamp && isReady(p));

interface Sample {
  oldReady: number;
  newReady: number;
}

function sample(pods: Pod[]): Sample {
  const ready = readyServing(pods).map((p) => p.spec.containers[0]?.image);
  return { oldReady: ready.filter((i) => i === OLD).length, newReady: ready.filter((i) => i === NEW).length };
}

describe("a Deployment rolling update on real Docker", () => {
  const fixture = useDockerEngine(NODE);

  it("never has fewer than replicas − maxUnavailable pods Ready while it rolls 3 pods to a new image", async () => {
    const cli = fixture.engine.cli;
    expect((await cli("apply", "-f", await fixture.files.write("web.yaml", deployment))).code).toBe(0);
    expect((await cli("rollout", "status", "deploy/web", "--timeout", "90s")).code).toBe(0);
    await until(
      "3 Ready pods",
      () => getPods(fixture.engine),
      (pods) => readyServing(pods).length === REPLICAS,
    );

    // Sample back to back, from before the change until every pod runs the new image; one CLI
    // run takes a while on a busy machine, so samplers overlap (the wait below samples too).
    const samples: Sample[] = [];
    let rolling = true;
    const samplers = Promise.all(
      [0, 1].map(async (i) => {
        await new Promise((r) => setTimeout(r, i * 300));
        while (rolling) samples.push(sample(await getPods(fixture.engine)));
      }),
    );
    expect((await cli("set", "image", "deployment/web", `web=${NEW}`)).code).toBe(0);
    try {
      await until(
        "every pod on the new image and Ready",
        async () => {
          const pods = await getPods(fixture.engine);
          samples.push(sample(pods));
          return { pods, running: (await appContainers([NODE])).map((c) => c.Image) };
        },
        ({ pods, running }) =>
          sample(pods).newReady === REPLICAS && pods.length === REPLICAS && running.every((i) => i === NEW),
      );
    } finally {
      rolling = false;
      await samplers;
    }

    // Some samples saw old and new pods side by side (the rollout was sampled while under way)...
    expect(samples.filter((s) => s.oldReady > 0 && s.newReady > 0).length).toBeGreaterThan(0);
    // ...and none dipped below the floor.
    const lowest = Math.min(...samples.map((s) => s.oldReady + s.newReady));
    expect(lowest).toBeGreaterThanOrEqual(REPLICAS - MAX_UNAVAILABLE);
    expect((await cli("rollout", "status", "deploy/web", "--timeout", "30s")).code).toBe(0);
  }, 180_000);
});
