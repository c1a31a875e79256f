/**
 * The Docker runtime against the real engine, with the images from examples/images/build.sh.
 * Every container is labelled with this run's node name and removed at the end, failed or not.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type Socket } from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ContainerDetails,
  type ContainerSpec,
  DockerRuntime,
  framesToText,
  LABELS,
  type LogFrame,
  type PodRef,
  type Sandbox,
} from "../../src/kubelet/index.js";
import { describeRuntimeContract } from "../unit/kubelet/runtime-contract.js";

const BUSYBOX = "slipway.local/busybox:1";
const ROOT = resolve(import.meta.dirname, "../..");
const dockerAnswers = spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0;
if (!dockerAnswers) console.warn("docker-runtime tests skipped: `docker info` fails (run examples/setup.sh)");

const RUN = randomUUID().slice(0, 8);
const NODE = `e2e-${RUN}`;

function newPod(name: string): PodRef {
  return { uid: randomUUID(), namespace: "e2e", name: `${name}-${RUN}` };
}

function container(spec: Partial<ContainerSpec> & { name: string }): ContainerSpec {
  return { image: BUSYBOX, specHash: "h1", attempt: 0, ...spec };
}

/** Retries `check` until it returns a value (not undefined); for waiting on processes, not timing them. */
async function until<T>(what: string, check: () => Promise<T | undefined>, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.skipIf(!dockerAnswers)("Docker runtime", () => {
  const runtime = new DockerRuntime();
  let networkExisted = true;

  beforeAll(() => {
    // stderr is kept so that a failed build explains itself.
    execFileSync(resolve(ROOT, "examples/images/build.sh"), { stdio: ["ignore", "ignore", "pipe"] });
    networkExisted = spawnSync("docker", ["network", "inspect", runtime.network], { stdio: "ignore" }).status === 0;
  });

  afterAll(async () => {
    const mine = await runtime.listContainers({ [LABELS.node]: NODE });
    await Promise.all(mine.map((c) => runtime.removeContainer(c.id)));
    // Leave the pod network alone if it was there before, or if others use it now.
    if (!networkExisted) spawnSync("docker", ["network", "rm", runtime.network], { stdio: "ignore" });
  });

  describeRuntimeContract("DockerRuntime", async () => ({
    runtime,
    presentImage: BUSYBOX,
    missingImage: "slipway.invalid/nope:1",
    node: `${NODE}-contract`,
  }));

  async function sandboxFor(pod: PodRef): Promise<Sandbox> {
    return runtime.createSandbox({ pod, node: NODE, specHash: "s1", attempt: 0, labels: { app: "e2e" } });
  }

  async function run(pod: PodRef, sandbox: Sandbox, spec: ContainerSpec): Promise<string> {
    const result = await runtime.startContainer({ sandbox, pod, node: NODE, spec });
    if (!result.ok) throw new Error(result.message);
    return result.id;
  }

  async function exited(id: string): Promise<ContainerDetails> {
    return until(`${id} to exit`, async () => {
      const details = await runtime.inspect(id);
      return details?.state === "exited" ? details : undefined;
    });
  }

  describe("a pod with two containers", () => {
    const pod = newPod("web");
    let sandbox: Sandbox;
    let server: string;
    let client: string;

    beforeAll(async () => {
      sandbox = await sandboxFor(pod);
      server = await run(
        pod,
        sandbox,
        container({
          name: "server",
          command: ["sh", "-c", "echo hello > /tmp/index.html; exec httpd -f -p 8080 -h /tmp"],
        }),
      );
      client = await run(pod, sandbox, container({ name: "client", command: ["sleep", "3600"] }));
    });

    it("gives the sandbox an IP on the slipway network", async () => {
      expect(runtime.network).toBe("slipway");
      const network = JSON.parse(execFileSync("docker", ["network", "inspect", "slipway"], { encoding: "utf8" }));
      const attached = network[0].Containers[sandbox.id];
      expect(attached.IPv4Address.split("/")[0]).toBe(sandbox.ip);
    });

    it("lets the containers reach each other on localhost", async () => {
      const result = await until("httpd to answer", async () => {
        const r = await runtime.exec(client, ["wget", "-qO-", "127.0.0.1:8080"]);
        return r.exitCode === 0 ? r : undefined;
      });
      expect(result.stdout).toBe("hello\n");
    });

    it("reports a failing exec's exit code and stderr", async () => {
      const result = await runtime.exec(client, ["sh", "-c", "echo oops >&2; exit 3"]);
      expect(result).toEqual({ exitCode: 3, stdout: "", stderr: "oops\n", timedOut: false });
    });

    it("labels every container with its pod, container name, node and spec hash", async () => {
      const details = await runtime.inspect(server);
      expect(details?.labels).toMatchObject({
        [LABELS.podUid]: pod.uid,
        [LABELS.podNamespace]: "e2e",
        [LABELS.podName]: pod.name,
        [LABELS.containerName]: "server",
        [LABELS.node]: NODE,
        [LABELS.specHash]: "h1",
      });
      expect(details?.name).toBe(`slipway_server_${pod.name}_e2e_${pod.uid.replace(/-/g, "").slice(0, 8)}_0`);
      const sandboxDetails = await runtime.inspect(sandbox.id);
      expect(sandboxDetails?.labels).toMatchObject({ app: "e2e", [LABELS.containerName]: "POD" });
    });

    it("lists exactly this pod's containers by its uid label", async () => {
      const other = newPod("other");
      const otherSandbox = await sandboxFor(other);
      const list = await runtime.listContainers({ [LABELS.podUid]: pod.uid });
      expect(list.map((c) => c.id).sort()).toEqual([sandbox.id, server, client].sort());
      expect(list.map((c) => c.labels[LABELS.containerName]).sort()).toEqual(["POD", "client", "server"]);
      expect(list.every((c) => c.state === "running")).toBe(true);
      expect(list.map((c) => c.id)).not.toContain(otherSandbox.id);
    });
  });

  describe("a single container", () => {
    const pod = newPod("single");
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await sandboxFor(pod);
    });

    it("receives its command, args, env and working directory", async () => {
      const id = await run(
        pod,
        sandbox,
        container({
          name: "env",
          command: ["sh", "-c"],
          args: ['echo "$GREETING from $(pwd)"; echo warning >&2'],
          env: [{ name: "GREETING", value: "hi there" }],
          workingDir: "/tmp",
        }),
      );
      const details = await exited(id);
      expect(details.exitCode).toBe(0);
      const frames = await runtime.logs(id);
      expect(framesToText(frames, "stdout")).toBe("hi there from /tmp\n");
      expect(framesToText(frames, "stderr")).toBe("warning\n");
    });

    it("applies memory and cpu limits", async () => {
      const id = await run(
        pod,
        sandbox,
        container({ name: "limited", command: ["true"], memoryBytes: 64 * 1024 * 1024, cpuMillis: 250 }),
      );
      const details = await runtime.inspect(id);
      expect(details?.memoryBytes).toBe(64 * 1024 * 1024);
      expect(details?.cpuMillis).toBe(250);
    });

    it("reports a container killed for exceeding its memory limit as OOMKilled", async () => {
      const id = await run(
        pod,
        sandbox,
        container({
          name: "hog",
          command: ["sh", "-c", "x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived"],
          memoryBytes: 16 * 1024 * 1024,
        }),
      );
      const details = await exited(id);
      expect(details.oomKilled).toBe(true);
      expect(details.exitCode).toBe(137);
    });

    it("returns the last lines with tail", async () => {
      const id = await run(
        pod,
        sandbox,
        container({ name: "lines", command: ["sh", "-c", "for i in 1 2 3 4 5; do echo line $i; done"] }),
      );
      await exited(id);
      expect(framesToText(await runtime.logs(id, { tail: 2 }))).toBe("line 4\nline 5\n");
      expect(framesToText(await runtime.logs(id))).toBe("line 1\nline 2\nline 3\nline 4\nline 5\n");
    });

    it("follows logs until aborted", async () => {
      const id = await run(
        pod,
        sandbox,
        container({ name: "follow", command: ["sh", "-c", "echo first; sleep 3600"] }),
      );
      const abort = new AbortController();
      const seen: string[] = [];
      for await (const frame of runtime.followLogs(id, { signal: abort.signal })) {
        seen.push(frame.data.toString());
        abort.abort();
      }
      expect(seen).toEqual(["first\n"]);
    });

    it("follows logs to the end when the container exits", async () => {
      const id = await run(
        pod,
        sandbox,
        container({ name: "short", command: ["sh", "-c", "echo a; echo b >&2; sleep 0.2; echo c"] }),
      );
      const seen: LogFrame[] = [];
      for await (const frame of runtime.followLogs(id)) seen.push(frame);
      expect(framesToText(seen, "stdout")).toBe("a\nc\n");
      expect(framesToText(seen, "stderr")).toBe("b\n");
    });

    it("gives up on an exec that outlives its timeout", async () => {
      const id = await run(pod, sandbox, container({ name: "exec-timeout", command: ["sleep", "3600"] }));
      const result = await runtime.exec(id, ["sh", "-c", "echo started; sleep 30"], { timeoutMs: 500 });
      expect(result).toMatchObject({ exitCode: -1, timedOut: true });
    });

    it("stops a container that handles SIGTERM within the grace period: exit code 0", async () => {
      const id = await run(
        pod,
        sandbox,
        container({
          name: "polite",
          command: ["sh", "-c", "trap 'exit 0' TERM; echo ready; while :; do sleep 1 & wait; done"],
        }),
      );
      await until("the trap to be set", async () =>
        framesToText(await runtime.logs(id)) === "ready\n" ? true : undefined,
      );
      await runtime.stopContainer(id, 30);
      const details = await runtime.inspect(id);
      expect(details?.state).toBe("exited");
      expect(details?.exitCode).toBe(0);
    });

    it("kills a container that ignores SIGTERM after the grace period: exit code 137 (SIGKILL)", async () => {
      const id = await run(
        pod,
        sandbox,
        container({ name: "stubborn", command: ["sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done"] }),
      );
      await until("the trap to be set", async () =>
        framesToText(await runtime.logs(id)) === "ready\n" ? true : undefined,
      );
      await runtime.stopContainer(id, 1);
      const details = await runtime.inspect(id);
      expect(details?.state).toBe("exited");
      expect(details?.exitCode).toBe(137);
    });

    it("treats stopping and removing a stopped or missing container as done", async () => {
      const id = await run(pod, sandbox, container({ name: "brief", command: ["true"] }));
      await exited(id);
      await runtime.stopContainer(id, 1);
      await runtime.removeContainer(id);
      await runtime.removeContainer(id);
      await runtime.stopContainer(id, 1);
      expect(await runtime.inspect(id)).toBeUndefined();
    });

    it("reports a command that cannot start as RunContainerError", async () => {
      const result = await runtime.startContainer({
        sandbox,
        pod,
        node: NODE,
        spec: container({ name: "missing-binary", command: ["/no/such/binary"] }),
      });
      expect(result).toMatchObject({ ok: false, reason: "RunContainerError" });
      expect(!result.ok && result.message).toMatch(/no such file or directory/);
    });
  });

  describe("images", () => {
    it("uses a present image under IfNotPresent and Never without pulling", async () => {
      expect(await runtime.ensureImage(BUSYBOX, "IfNotPresent")).toEqual({ ok: true, image: BUSYBOX, pulled: false });
      expect(await runtime.ensureImage(BUSYBOX, "Never")).toEqual({ ok: true, image: BUSYBOX, pulled: false });
    });

    it("reports ErrImagePull for an image no registry can give", async () => {
      const result = await runtime.ensureImage("slipway.invalid/nope:1", "IfNotPresent");
      expect(result).toMatchObject({ ok: false, reason: "ErrImagePull" });
      expect(!result.ok && result.message).toMatch(/slipway\.invalid/);
    });

    it("gives up on a pull that hangs and reports ErrImagePull", async () => {
      // A "registry" on loopback that accepts connections and never answers.
      const sockets = new Set<Socket>();
      const server = createServer((socket) => sockets.add(socket));
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      const { port } = server.address() as { port: number };
      try {
        const impatient = new DockerRuntime({ pullTimeoutMs: 500 });
        const result = await impatient.ensureImage(`127.0.0.1:${port}/hang:1`, "IfNotPresent");
        expect(result).toMatchObject({ ok: false, reason: "ErrImagePull" });
        expect(!result.ok && result.message).toMatch(/timed out after 0.5 s/);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((r) => server.close(r));
      }
    });

    it("reports ErrImageNeverPull for a missing image under Never", async () => {
      expect(await runtime.ensureImage("slipway.invalid/nope:1", "Never")).toEqual({
        ok: false,
        image: "slipway.invalid/nope:1",
        reason: "ErrImageNeverPull",
        message: 'Container image "slipway.invalid/nope:1" is not present with pull policy of Never',
      });
    });
  });

  describe("a missing slipway.local pause image", () => {
    const pauseImage = `slipway.local/pause:e2e-${RUN}`;
    const local = new DockerRuntime({ pauseImage });
    const PAUSE_NODE = `${NODE}-pause`;

    afterAll(async () => {
      const mine = await local.listContainers({ [LABELS.node]: PAUSE_NODE });
      await Promise.all(mine.map((c) => local.removeContainer(c.id)));
      spawnSync("docker", ["image", "rm", "-f", pauseImage], { stdio: "ignore" });
    });

    it("is built locally for the first sandbox, and the sandbox exits 0 on SIGTERM", async () => {
      expect(spawnSync("docker", ["image", "inspect", pauseImage], { stdio: "ignore" }).status).not.toBe(0);
      const pod = newPod("built-pause");
      const sandbox = await local.createSandbox({ pod, node: PAUSE_NODE, specHash: "s", attempt: 0 });
      expect(sandbox.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      const labels = execFileSync("docker", ["image", "inspect", "-f", "{{json .Config.Labels}}", pauseImage], {
        encoding: "utf8",
      });
      expect(JSON.parse(labels)).toMatchObject({ "io.slipway.image": "true" });
      await local.stopContainer(sandbox.id, 30);
      expect(await local.inspect(sandbox.id)).toMatchObject({ state: "exited", exitCode: 0 });
    });

    it("is built again when removed after the first sandbox", async () => {
      const first = await local.listContainers({ [LABELS.node]: PAUSE_NODE });
      await Promise.all(first.map((c) => local.removeContainer(c.id)));
      execFileSync("docker", ["image", "rm", pauseImage], { stdio: "ignore" });
      const sandbox = await local.createSandbox({
        pod: newPod("rebuilt-pause"),
        node: PAUSE_NODE,
        specHash: "s",
        attempt: 0,
      });
      expect((await local.inspect(sandbox.id))?.state).toBe("running");
    });
  });

  describe("a pod network removed from outside", () => {
    const network = `slipway-e2e-${RUN}`;
    const own = new DockerRuntime({ network });
    const OWN_NODE = `${NODE}-network`;

    afterAll(async () => {
      const mine = await own.listContainers({ [LABELS.node]: OWN_NODE });
      await Promise.all(mine.map((c) => own.removeContainer(c.id)));
      spawnSync("docker", ["network", "rm", network], { stdio: "ignore" });
    });

    it("is created again for the next sandbox", async () => {
      const first = await own.createSandbox({ pod: newPod("net-1"), node: OWN_NODE, specHash: "s", attempt: 0 });
      await own.removeContainer(first.id);
      execFileSync("docker", ["network", "rm", network], { stdio: "ignore" });
      const second = await own.createSandbox({ pod: newPod("net-2"), node: OWN_NODE, specHash: "s", attempt: 0 });
      const inspected = JSON.parse(execFileSync("docker", ["network", "inspect", network], { encoding: "utf8" }));
      expect(inspected[0].Labels).toMatchObject({ "io.slipway.network": "true" });
      expect(inspected[0].Containers[second.id].IPv4Address.split("/")[0]).toBe(second.ip);
    });
  });

  it("reports the engine's cpus and memory for node capacity", async () => {
    const info = await runtime.info();
    expect(info.name).toBe("docker");
    expect(info.cpus).toBeGreaterThan(0);
    expect(info.memoryBytes).toBeGreaterThan(0);
    expect(info.apiVersion).toMatch(/^1\.\d+$/);
  });
});
