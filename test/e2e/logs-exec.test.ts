/**
 * `slipway logs` and `slipway exec` through the CLI on the real Docker engine: the CLI reaches the
 * API server only, which proxies to the kubelet of the pod's node. Its own node name; every
 * container it makes carries that node label, which is how the test cleans up.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, type RunningSlipway, removeState, startSlipway } from "../helpers/slipway-process.js";

const ROOT = resolve(import.meta.dirname, "../..");
const NODE = `e2e-logs-${process.pid}`;
const docker = new Docker();

// Prints three lines, one more once /tmp/go exists, then fails once /tmp/stop exists (a restart).
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: logger
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: app
      image: slipway.local/busybox:1
      command:
        - sh
        - -c
        - >-
          echo line-1; echo line-2; echo line-3;
          while [ ! -f /tmp/go ]; do sleep 0.1; done; echo after-go;
          while [ ! -f /tmp/stop ]; do sleep 0.1; done; exit 1
`;

interface PodView {
  status?: {
    phase?: string;
    containerStatuses?: { restartCount: number; state?: { running?: unknown } }[];
  };
}

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("slipway logs and exec on real containers", () => {
  let engine: RunningSlipway;
  let dir: string;

  const pod = async (): Promise<PodView> => {
    const result = await engine.cli("get", "pod", "logger", "-o", "json");
    return result.code === 0 ? (JSON.parse(result.stdout) as PodView) : {};
  };
  const running = (p: PodView, restarts: number) =>
    p.status?.phase === "Running" &&
    p.status.containerStatuses?.[0]?.restartCount === restarts &&
    p.status.containerStatuses[0].state?.running !== undefined;

  beforeAll(async () => {
    execFileSync(join(ROOT, "examples/images/build.sh"), { stdio: ["ignore", "ignore", "pipe"] });
    engine = await startSlipway({ nodeName: NODE });
    dir = await mkdtemp(join(tmpdir(), "slipway-logs-"));
    await writeFile(join(dir, "pod.yaml"), POD);
    expect((await engine.cli("apply", "-f", join(dir, "pod.yaml"))).code).toBe(0);
    await until("the pod to run", pod, (p) => running(p, 0));
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    const left = await docker.listContainers({ all: true, filters: { label: [`io.slipway.node=${NODE}`] } });
    await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true })));
    if (engine) await removeState(engine.stateDir);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("prints a pod's logs, and only the last lines with --tail", async () => {
    const logs = await until(
      "three lines",
      () => engine.cli("logs", "logger"),
      (r) => r.stdout.includes("line-3"),
    );
    expect(logs).toMatchObject({ code: 0, stdout: "line-1\nline-2\nline-3\n" });
    expect(await engine.cli("logs", "pod/logger", "--tail", "1")).toMatchObject({ code: 0, stdout: "line-3\n" });
  });

  it("exec prints the command's output and exits with its code", async () => {
    const result = await engine.cli("exec", "logger", "--", "sh", "-c", "echo hi; exit 3");
    expect(result).toMatchObject({ code: 3, stdout: "hi\n" });
  });

  it("logs -f prints a line written while following and ends on Ctrl-C", async () => {
    const child = spawn(process.execPath, [CLI, "--state", engine.stateDir, "logs", "logger", "-f"], {
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      await until(
        "the lines so far",
        async () => out,
        (o) => o.includes("line-3\n"),
      );
      expect((await engine.cli("exec", "logger", "--", "touch", "/tmp/go")).code).toBe(0);
      await until(
        "the new line",
        async () => out,
        (o) => o.includes("after-go\n"),
      );
      child.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(out).toBe("line-1\nline-2\nline-3\nafter-go\n");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("logs --previous prints the attempt before a restart", async () => {
    expect((await engine.cli("exec", "logger", "--", "touch", "/tmp/go")).code).toBe(0);
    await until(
      "after-go",
      () => engine.cli("logs", "logger"),
      (r) => r.stdout.includes("after-go"),
    );
    await engine.cli("exec", "logger", "--", "touch", "/tmp/stop");
    await until("the restart", pod, (p) => running(p, 1));
    expect(await engine.cli("logs", "logger", "--previous")).toMatchObject({
      code: 0,
      stdout: "line-1\nline-2\nline-3\nafter-go\n",
    });
    const current = await until(
      "the new attempt's lines",
      () => engine.cli("logs", "logger"),
      (r) => r.stdout.includes("line-3"),
    );
    expect(current.stdout).toBe("line-1\nline-2\nline-3\n");
  });
});
