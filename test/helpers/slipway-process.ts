/**
 * Runs the built CLI as a user would: `slipway up` as a child process on a temporary state
 * directory and a free loopback port, and client commands against it.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const CLI = resolve(import.meta.dirname, "../../dist/cli/main.js");

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs `slipway ARGS` to completion. Never throws for a non-zero exit: tests assert on it. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd, env: { ...process.env, NO_COLOR: "1", ...options.env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ stdout, stderr, code });
      },
    );
  });
}

export interface RunningSlipway {
  stateDir: string;
  url: string;
  process: ChildProcess;
  /** Runs a client command against this engine. */
  cli(...args: string[]): Promise<CliResult>;
  /** SIGTERM and wait for a clean exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Everything `up` printed on stderr so far. */
  log(): string;
}

export interface StartOptions {
  stateDir?: string;
  extraArgs?: string[];
  /** Run a kubelet on the local Docker engine under this node name (default: control plane only). */
  nodeName?: string;
}

export async function startSlipway(options: StartOptions = {}): Promise<RunningSlipway> {
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), "slipway-e2e-")));
  // Tests reach only loopback: node ports listen on 127.0.0.1, not on every address.
  const node = options.nodeName
    ? ["--node-name", options.nodeName, "--node-port-address", "127.0.0.1"]
    : ["--no-kubelet"];
  const child = spawn(
    process.execPath,
    [CLI, "up", "--state", stateDir, "--listen", "127.0.0.1:0", ...node, ...(options.extraArgs ?? [])],
    { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`slipway up did not start:\n${stderr}`)), 20_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /API server at (http\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`slipway up exited with ${code}:\n${stderr}`)));
  });
  return {
    stateDir,
    url,
    process: child,
    cli: (...args) => runCli(["--state", stateDir, ...args]),
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
    log: () => stderr,
  };
}

export async function removeState(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
