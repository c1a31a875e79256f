/**
 * The kubelet against the real Docker engine with the images from examples/images/build.sh: a
 * pod's containers run and report Running/Ready, a container removed with `docker rm -f` comes
 * back, a deleted pod leaves no container behind, a crashing container reaches CrashLoopBackOff.
 * Each test uses its own node name; every container labelled with it is removed at the end.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../src/api/object.js";
import type { Pod, PodSpec } from "../../src/api/types/index.js";
import { DockerRuntime, type Kubelet, LABELS, startKubelet } from "../../src/kubelet/index.js";
import { createRegistry, MemoryBackend, type Registry } from "../../src/store/index.js";

const BUSYBOX = "slipway.local/busybox:1";
const ROOT = resolve(import.meta.dirname, "../..");
const dockerAnswers = spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0;
if (!dockerAnswers) console.warn("kubelet e2e tests skipped: `docker info` fails (run examples/setup.sh)");

const RUN = randomUUID().slice(0, 8);

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!dockerAnswers)("the kubelet on Docker", () => {
  const runtime = new DockerRuntime();
  const rootDir = mkdtempSync(resolve(tmpdir(), "slipway-kubelet-e2e-"));
  const nodes: string[] = [];
  const stops: AbortController[] = [];

  beforeAll(() => {
    execFileSync(resolve(ROOT, "examples/images/build.sh"), { stdio: ["ignore", "ignore", "pipe"] });
  });

  afterEach(() => {
    for (const s of stops.splice(0)) s.abort();
  });

  afterAll(async () => {
    for (const node of nodes) {
      const mine = await runtime.listContainers({ [LABELS.node]: node });
      await Promise.all(mine.map((c) => runtime.removeContainer(c.id)));
    }
    rmSync(rootDir, { recursive: true, force: true });
  });

  async function start(
    name: string,
    existing?: Registry,
  ): Promise<{ client: Registry; node: string; stop: () => void; kubelet: Kubelet }> {
    const node = `e2e-kubelet-${name}-${RUN}`;
    nodes.push(node);
    const client = existing ?? createRegistry(new MemoryBackend(), { gracefulPodDeletion: true });
    const controller = new AbortController();
    stops.push(controller);
    const kubelet = await startKubelet({
      client,
      runtime,
      nodeName: node,
      signal: controller.signal,
      rootDir,
      resyncMs: 300,
      log: () => {},
    });
    return { client, node, kubelet, stop: () => controller.abort() };
  }

  async function createPod(client: Registry, node: string, name: string, spec: Partial<PodSpec>): Promise<Pod> {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: "default" },
      spec: { nodeName: node, terminationGracePeriodSeconds: 2, containers: [], ...spec },
    };
    return (await client.create(pod as KubeObject)) as Pod;
  }

  async function podWhere(client: Registry, name: string, what: string, predicate: (p: Pod) => boolean): Promise<Pod> {
    let last: Pod | undefined;
    try {
      return await until(what, async () => {
        last = (await client.get("Pod", "default", name)) as Pod;
        return predicate(last) ? last : undefined;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}; last status: ${JSON.stringify(last?.status)}`);
    }
  }

  const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";

  it("runs a pod of two containers to Running and Ready, recreates a removed container, and removes all on delete", async () => {
    const { client, node } = await start("web");
    const pod = await createPod(client, node, "web", {
      containers: [
        {
          name: "httpd",
          image: BUSYBOX,
          command: ["httpd", "-f", "-p", "8080", "-h", "/"],
          ports: [{ containerPort: 8080 }],
          readinessProbe: { httpGet: { port: 8080, path: "/etc/hostname" }, periodSeconds: 1 },
        },
        { name: "sidecar", image: BUSYBOX, command: ["sleep", "3600"] },
      ],
    });
    const uid = pod.metadata.uid ?? "";
    let running = await podWhere(client, "web", "Running and Ready", (p) => p.status?.phase === "Running" && ready(p));
    expect(running.status?.podIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const statuses = running.status?.containerStatuses ?? [];
    expect(statuses.map((s) => [s.name, s.ready, s.restartCount])).toEqual([
      ["httpd", true, 0],
      ["sidecar", true, 0],
    ]);
    const mine = await runtime.listContainers({ [LABELS.podUid]: uid });
    expect(mine.filter((c) => c.state === "running")).toHaveLength(3);

    const sidecarId = statuses.find((s) => s.name === "sidecar")?.containerID?.replace("docker://", "") ?? "";
    execFileSync("docker", ["rm", "-f", sidecarId], { stdio: "ignore" });
    running = await podWhere(client, "web", "sidecar recreated", (p) => {
      const s = p.status?.containerStatuses?.find((c) => c.name === "sidecar");
      return s?.restartCount === 1 && s.state?.running !== undefined;
    });
    expect(running.status?.containerStatuses?.find((c) => c.name === "sidecar")?.containerID).not.toBe(
      `docker://${sidecarId}`,
    );

    await client.delete("Pod", "default", "web");
    await until("the pod object is gone", async () => {
      try {
        await client.get("Pod", "default", "web");
        return undefined;
      } catch {
        return true;
      }
    });
    expect(await runtime.listContainers({ [LABELS.podUid]: uid })).toEqual([]);
  }, 90_000);

  it("brings a crashing container to CrashLoopBackOff", async () => {
    const { client, node } = await start("crash");
    await createPod(client, node, "crashy", {
      containers: [{ name: "app", image: BUSYBOX, command: ["sh", "-c", "echo bye; exit 3"] }],
    });
    const pod = await podWhere(client, "crashy", "CrashLoopBackOff", (p) =>
      Boolean(p.status?.containerStatuses?.some((s) => s.state?.waiting?.reason === "CrashLoopBackOff")),
    );
    const status = pod.status?.containerStatuses?.[0];
    expect(status?.restartCount).toBeGreaterThanOrEqual(1);
    expect(status?.lastState?.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
    expect(status?.state?.waiting?.message).toMatch(/^back-off 10s restarting failed container=app pod=crashy_default/);
  });

  it("mounts configMap and emptyDir volumes, resolves env, and adopts the running pod after a kubelet restart", async () => {
    const first = await start("adopt");
    const { client, node } = first;
    await client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "greeting", namespace: "default" },
      data: { text: "hello" },
    } as KubeObject);
    const pod = await createPod(client, node, "adopt", {
      volumes: [
        { name: "config", configMap: { name: "greeting" } },
        { name: "scratch", emptyDir: {} },
      ],
      containers: [
        {
          name: "app",
          image: BUSYBOX,
          command: ["sh", "-c", "echo $GREETING > /scratch/out; exec sleep 3600"],
          env: [
            { name: "GREETING", valueFrom: { configMapKeyRef: { name: "greeting", key: "text" } } },
            { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
          ],
          volumeMounts: [
            { name: "config", mountPath: "/config" },
            { name: "scratch", mountPath: "/scratch" },
          ],
          readinessProbe: { exec: { command: ["cat", "/scratch/out"] }, periodSeconds: 1 },
        },
      ],
    });
    const ready = await podWhere(
      client,
      "adopt",
      "Ready",
      (p) => p.status?.conditions?.find((c) => c.type === "Ready")?.status === "True",
    );
    const id = ready.status?.containerStatuses?.[0]?.containerID?.replace("docker://", "") ?? "";
    const read = await runtime.exec(id, ["sh", "-c", "cat /config/text; cat /scratch/out; echo $POD_NAME"]);
    expect(read.stdout).toBe("hellohello\nadopt\n");
    const write = await runtime.exec(id, ["sh", "-c", "echo x > /config/text"]);
    expect(write.exitCode).not.toBe(0);

    first.stop();
    const before = (await runtime.listContainers({ [LABELS.podUid]: pod.metadata.uid ?? "" })).map((c) => c.id).sort();
    const second = await start("adopt", client);
    await second.kubelet.resync();
    await second.kubelet.workers.idle(pod.metadata.uid ?? "");
    const after = (await runtime.listContainers({ [LABELS.podUid]: pod.metadata.uid ?? "" })).map((c) => c.id).sort();
    expect(after).toEqual(before);
    const still = (await client.get("Pod", "default", "adopt")) as Pod;
    expect(still.status?.containerStatuses?.[0]?.restartCount).toBe(0);
  }, 90_000);
});
