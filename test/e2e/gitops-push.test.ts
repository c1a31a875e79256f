/**
 * Push to deploy as a user does it, with the built CLI: `slipway up`, `slipway init app`, commit,
 * `git push`; an invalid push refused; a deleted file pruned; `slipway history` lists the pushes.
 * Control plane only (no kubelet): this checks objects, not containers.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSlipway, removeState, runCli, startSlipway } from "../helpers/slipway-process.js";

const exec = promisify(execFile);
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
  GIT_AUTHOR_NAME: "Grace Hopper",
  GIT_AUTHOR_EMAIL: "grace@example.com",
  GIT_COMMITTER_NAME: "Grace Hopper",
  GIT_COMMITTER_EMAIL: "grace@example.com",
};
const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  greeting: hello\n`;

describe("git push to deploy through the CLI", () => {
  let engine: RunningSlipway;
  let work: string;
  let app: string;
  const git = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await exec("git", args, { cwd: app, env: GIT_ENV });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  };
  const commit = async (message: string) => {
    await git("add", "-A");
    expect((await git("commit", "-q", "-m", message)).code).toBe(0);
  };

  beforeAll(async () => {
    engine = await startSlipway();
    work = await mkdtemp(join(tmpdir(), "slipway-gitops-e2e-"));
    app = join(work, "app");
  });

  afterAll(async () => {
    await engine.stop();
    await removeState(engine.stateDir);
    await rm(work, { recursive: true, force: true });
  });

  it("init creates a repository with one commit and an origin at the engine, token not in it", async () => {
    const init = await runCli(["--state", engine.stateDir, "init", "app"], { cwd: work, env: GIT_ENV });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("git push -u origin main");
    expect((await git("log", "--format=%s")).out.trim()).toBe("Initial manifests from slipway init");
    expect((await git("remote", "get-url", "origin")).out.trim()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/git\/app\.git$/);
    const token = (await readFile(join(engine.stateDir, "token"), "utf8")).trim();
    expect(await readFile(join(app, ".git", "config"), "utf8")).not.toContain(token);
    expect(init.stdout + init.stderr).not.toContain(token);
  });

  it("a push deploys the example app and shows the plan and outcome", async () => {
    const push = await git("push", "-u", "origin", "main");
    expect(push.code, push.out).toBe(0);
    expect(push.out).toContain("remote: deployment.apps/hello created");
    expect(push.out).toContain("remote: service/hello created");
    expect(push.out).toMatch(/remote: slipway: synced [0-9a-f]{7}: 2 applied \(succeeded\)/);
    expect((await engine.cli("get", "deploy", "hello")).code).toBe(0);
    expect((await engine.cli("get", "svc", "hello")).code).toBe(0);
  });

  it("refuses an invalid push with file:line errors and changes nothing", async () => {
    const deployment = join(app, "app", "deployment.yaml");
    const valid = await readFile(deployment, "utf8");
    await writeFile(deployment, valid.replace("replicas: 2", "replicas: -1"));
    await writeFile(join(app, "app", "extra.yaml"), cm("extra"));
    await commit("break the replicas");
    const push = await git("push", "origin", "main");
    expect(push.code).not.toBe(0);
    expect(push.out).toMatch(/remote: app\/deployment\.yaml:8: spec\.replicas: Invalid value: -1/);
    expect(push.out).toContain("pre-receive hook declined");
    expect((await engine.cli("get", "cm", "extra")).code).toBe(4);
    const replicas = await engine.cli("get", "deploy", "hello", "-o", "json");
    expect(JSON.parse(replicas.stdout).spec.replicas).toBe(2);
    await git("reset", "-q", "--hard", "origin/main");
  });

  it("a push deleting a file prunes its objects", async () => {
    await unlink(join(app, "app", "service.yaml"));
    await commit("retire the service");
    const push = await git("push", "origin", "main");
    expect(push.code, push.out).toBe(0);
    expect(push.out).toContain("remote: service/hello pruned");
    expect((await engine.cli("get", "svc", "hello")).code).toBe(4);
    expect((await engine.cli("get", "deploy", "hello")).code).toBe(0);
  });

  it("history lists both pushes, newest first, with author and message", async () => {
    const history = await engine.cli("history");
    expect(history.code, history.stderr).toBe(0);
    const lines = history.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/push\s+succeeded\s+-1\s+Grace Hopper\s+\S+\s+retire the service$/);
    expect(lines[2]).toMatch(/push\s+succeeded\s+\+2\s+Grace Hopper\s+\S+\s+Initial manifests from slipway init$/);
    const json = JSON.parse((await engine.cli("history", "-n", "1", "-o", "json")).stdout);
    expect(json).toHaveLength(1);
    expect(json[0]).toMatchObject({
      sourceId: "app",
      trigger: "push",
      author: "Grace Hopper <grace@example.com>",
      message: "retire the service",
      revision: (await git("rev-parse", "HEAD")).out.trim(),
      steps: [{ object: "Service/default/hello", action: "delete", outcome: "applied" }],
    });
  });
});
