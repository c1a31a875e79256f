/**
 * Shared pieces of the e2e tests that drive `slipway` against the real Docker engine: the local
 * images, polling with a bound, the containers of a node (by Slipway's labels), pods read through
 * the CLI, a second node (`slipway agent`), and a cleanup that removes every container a test's
 * node names made.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll } from "vitest";
import type { Pod } from "../../src/api/types/index.js";
import { CLI, type RunningSlipway, removeState, startSlipway } from "./slipway-process.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const docker = new Docker();

/** Builds slipway.local/busybox:1, pause:1 and the nginx images (fast when they exist). */
export function buildImages(): void {
  execFileSync(join(ROOT, "examples/images/build.sh"), { stdio: ["ignore", "ignore", "pipe"] });
}

/**
 * Reads until `ok` holds and returns the value; the bound only stops a test that would hang, and
 * the error shows the last value read.
 */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export type ContainerInfo = Docker.ContainerInfo;

/** Containers labelled with one of `nodes` (running only unless `all`), sandboxes included. */
export async function nodeContainers(nodes: string[], { all = false } = {}): Promise<ContainerInfo[]> {
  const lists = await Promise.all(
    nodes.map((node) => docker.listContainers({ all, filters: { label: [`io.slipway.node=${node}`] } })),
  );
  return lists.flat();
}

/** Running app containers (not sandboxes) of `nodes`. */
export async function appContainers(nodes: string[]): Promise<ContainerInfo[]> {
  return (await nodeContainers(nodes)).filter((c) => c.Labels["io.slipway.container-name"] !== "POD");
}

/** Removes every container, running or not, labelled with one of `nodes`. */
export async function removeNodeContainers(nodes: string[]): Promise<void> {
  const left = await nodeContainers(nodes, { all: true });
  await Promise.all(
    left.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

/** The pods `slipway get pods -o json` lists. */
export async function getPods(engine: RunningSlipway): Promise<Pod[]> {
  const result = await engine.cli("get", "pods", "-o", "json");
  if (result.code !== 0) throw new Error(`get pods failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { kind?: string; items?: Pod[] };
  return parsed.kind === "Pod" ? [parsed as Pod] : (parsed.items ?? []);
}

export function condition(pod: Pod, type: string): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === type)?.status;
}

export function isReady(pod: Pod): boolean {
  return condition(pod, "Ready") === "True";
}

/** A temporary directory and a way to write manifests into it. */
export async function manifestDir(): Promise<{ dir: string; write(name: string, yaml: string): Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), "slipway-e2e-manifests-"));
  return {
    dir,
    async write(name, yaml) {
      const path = join(dir, name);
      await writeFile(path, yaml);
      return path;
    },
  };
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

export interface RunningAgent {
  process: ChildProcess;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<number | null>;
  log(): string;
}

/**
 * Runs `slipway --state DIR agent --node-name NODE`: a second kubelet on this Docker host that
 * joins the engine of that state directory through its kubeconfig. Resolves once the node is
 * registered.
 */
export async function startAgent(stateDir: string, nodeName: string): Promise<RunningAgent> {
  const child = spawn(process.execPath, [CLI, "--state", stateDir, "agent", "--node-name", nodeName], {
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    return exited;
  };
  try {
    await until(
      `agent ${nodeName} registered`,
      async () => ({ output, exited: child.exitCode !== null }),
      (s) => s.exited || s.output.includes(`node ${nodeName} registered`),
      30_000,
    );
    if (child.exitCode !== null) throw new Error(`slipway agent exited with ${child.exitCode}:\n${output}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { process: child, stop, log: () => output };
}

export interface DockerEngineFixture {
  /** The running engine; a test may replace it (e.g. after restarting `up`), cleanup follows it. */
  engine: RunningSlipway;
  files: Awaited<ReturnType<typeof manifestDir>>;
}

/**
 * Registers the hooks of a describe block that runs one `slipway up` with a kubelet under `node`:
 * images built first; afterwards the engine stopped and its containers, state and files removed.
 */
export function useDockerEngine(node: string): DockerEngineFixture {
  const fixture = {} as DockerEngineFixture;
  beforeAll(async () => {
    buildImages();
    fixture.engine = await startSlipway({ nodeName: node });
    fixture.files = await manifestDir();
  }, 120_000);
  afterAll(async () => {
    await fixture.engine?.stop();
    await removeNodeContainers([node]);
    if (fixture.engine) await removeState(fixture.engine.stateDir);
    await removeDir(fixture.files?.dir);
  });
  return fixture;
}
