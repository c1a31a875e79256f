/**
 * The seeds' promise through the CLI on the real Docker engine: "I say how many copies I want; the
 * system makes it so." A `slipway up` with a kubelet under its own node name; every container it
 * makes carries that node label, which is also how the test cleans up.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildImages, docker, ROOT, removeNodeContainers, until } from "../helpers/docker-e2e.js";
import { type RunningSlipway, removeState, startSlipway } from "../helpers/slipway-process.js";

const NODE = `e2e-runtime-${process.pid}`;

const rc = (replicas: number) => `apiVersion: v1
kind: ReplicationController
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      terminationGracePeriodSeconds: 5
      containers:
        - name: web
          image: slipway.local/busybox:1
          command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1 & wait; done"]
          env:
            - name: GREETING
              value: hello
`;

async function appContainers(podLabel?: string) {
  const labels = [`io.slipway.node=${NODE}`];
  const all = await docker.listContainers({ filters: { label: labels, status: ["running"] } });
  return all.filter(
    (c) =>
      c.Labels["io.slipway.container-name"] !== "POD" &&
      (!podLabel || c.Labels["io.slipway.pod-name"]?.startsWith(podLabel)),
  );
}

describe("slipway up converges real containers", () => {
  let engine: RunningSlipway;
  let dir: string;

  beforeAll(async () => {
    buildImages();
    engine = await startSlipway({ nodeName: NODE });
    dir = await mkdtemp(join(tmpdir(), "slipway-runtime-"));
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    await removeNodeContainers([NODE]);
    if (engine) await removeState(engine.stateDir);
    await rm(dir, { recursive: true, force: true });
  });

  it("runs an RC's replicas as labelled containers, heals, scales and cascades its deletion", async () => {
    await writeFile(join(dir, "rc.yaml"), rc(3));
    expect((await engine.cli("apply", "-f", join(dir, "rc.yaml"))).code).toBe(0);
    const three = await until(
      "3 running containers",
      () => appContainers("web-"),
      (c) => c.length === 3,
    );
    for (const c of three) {
      expect(c.Labels["io.slipway.pod-namespace"]).toBe("default");
      expect(c.Labels["io.slipway.container-name"]).toBe("web");
      const info = await docker.getContainer(c.Id).inspect();
      expect(info.Config.Env).toContain("GREETING=hello");
    }

    const victim = three[0]!;
    await docker.getContainer(victim.Id).remove({ force: true });
    const healed = await until(
      "the removed container replaced",
      () => appContainers("web-"),
      (c) => c.length === 3 && !c.some((x) => x.Id === victim.Id),
    );
    expect(healed.map((c) => c.Labels["io.slipway.pod-name"]).sort()).toEqual(
      three.map((c) => c.Labels["io.slipway.pod-name"]).sort(),
    );

    expect((await engine.cli("scale", "rc", "web", "--replicas", "5")).code).toBe(0);
    await until(
      "5 containers",
      () => appContainers("web-"),
      (c) => c.length === 5,
    );
    expect((await engine.cli("scale", "rc", "web", "--replicas", "1")).code).toBe(0);
    await until(
      "1 container",
      () => appContainers("web-"),
      (c) => c.length === 1,
    );
    const listed = await engine.cli("get", "rc", "web");
    expect(listed.stdout).toMatch(/web\s+1\s+\d\s+\d/);

    expect((await engine.cli("delete", "rc", "web")).code).toBe(0);
    await until(
      "no pods",
      async () => (await engine.cli("get", "pods", "-o", "name")).stdout.trim(),
      (s) => s === "",
    );
    await until(
      "no containers",
      () => appContainers("web-"),
      (c) => c.length === 0,
    );
  }, 240_000);

  it("rolls a Deployment to a new image and back with rollout undo", async () => {
    const nginx = join(ROOT, "examples/nginx");
    expect((await engine.cli("apply", "-f", nginx)).code).toBe(0);
    expect((await engine.cli("rollout", "status", "deploy/nginx-deployment", "--timeout", "120s")).code).toBe(0);
    const image = async () => (await appContainers("nginx-deployment-")).map((c) => c.Image).sort();
    expect(await image()).toEqual(["slipway.local/nginx:1.7.9", "slipway.local/nginx:1.7.9"]);

    const set = await engine.cli("set", "image", "deployment/nginx-deployment", "nginx=slipway.local/nginx:1.9.1");
    expect(set.stdout).toContain("image updated");
    expect((await engine.cli("rollout", "status", "deploy/nginx-deployment", "--timeout", "120s")).code).toBe(0);
    await until(
      "new image everywhere",
      image,
      (i) => i.join() === "slipway.local/nginx:1.9.1,slipway.local/nginx:1.9.1",
    );

    const history = await engine.cli("rollout", "history", "deploy/nginx-deployment");
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+.*\n2\s+/);
    expect((await engine.cli("rollout", "undo", "deploy/nginx-deployment")).stdout).toContain("rolled back");
    expect((await engine.cli("rollout", "status", "deploy/nginx-deployment", "--timeout", "120s")).code).toBe(0);
    await until("old image back", image, (i) => i.join() === "slipway.local/nginx:1.7.9,slipway.local/nginx:1.7.9");
  }, 300_000);
});
