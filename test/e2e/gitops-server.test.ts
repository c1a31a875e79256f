/**
 * The git server with real git: pushes over smart HTTP into `git http-backend`, hooks relayed to
 * the engine, syncs through the in-process registry (MemoryBackend).
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSyncRecords } from "../../src/gitops/audit-trail.js";
import { type GitServer, startGitServer } from "../../src/gitops/git-server.js";
import { createRegistry, MemoryBackend, type Registry } from "../../src/store/index.js";

const run = promisify(execFile);
const TOKEN = "s3cret-token-for-tests";
const cm = (name: string, value = "v") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: "${value}"\n`;
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Ada",
  GIT_AUTHOR_EMAIL: "ada@example.com",
  GIT_COMMITTER_NAME: "Ada",
  GIT_COMMITTER_EMAIL: "ada@example.com",
  GIT_TERMINAL_PROMPT: "0",
  GIT_CONFIG_NOSYSTEM: "1",
};

describe("git server: push to deploy", () => {
  let state: string;
  let work: string;
  let registry: Registry;
  let server: GitServer;
  const abort = new AbortController();
  const git = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run("git", args, { cwd: work, env: GIT_ENV });
      return { code: 0, out: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  };
  const put = async (path: string, content: string) => {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), content);
  };
  const commitAll = async (message: string) => {
    await git("add", "-A");
    await git("commit", "-q", "-m", message);
  };
  const names = async () =>
    (await registry.list("ConfigMap", { namespace: "default" })).items.map((o) => o.metadata.name).sort();

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), "slipway-gitsrv-"));
    // Served through a symlink: hooks see real paths, and must still find their repository.
    await symlink(state, `${state}-link`);
    work = await mkdtemp(join(tmpdir(), "slipway-gitwork-"));
    registry = createRegistry(new MemoryBackend());
    server = await startGitServer({
      client: registry,
      stateDir: `${state}-link`,
      token: TOKEN,
      log: () => {},
      signal: abort.signal,
      listen: { host: "127.0.0.1", port: 0 },
    });
    await git("init", "-q", "-b", "main");
    const url = new URL(`${server.url}/app.git`);
    url.username = "me";
    url.password = TOKEN;
    await git("remote", "add", "origin", url.toString());
  });

  afterAll(async () => {
    abort.abort();
    await server.close();
    await registry.close();
    await rm(`${state}-link`, { force: true });
    await rm(state, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  });

  it("refuses a request without the token", async () => {
    const response = await fetch(`${server.url}/app.git/info/refs?service=git-receive-pack`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/Basic/);
  });

  it("creates the repository on first push and syncs the commit", async () => {
    await put("apps/a.yaml", cm("a"));
    await put("apps/b.yaml", cm("b"));
    await commitAll("two config maps");
    const push = await git("push", "-q", "origin", "main");
    expect(push.code).toBe(0);
    expect(push.out).toMatch(/remote: slipway: [0-9a-f]{7} is valid: 2 to create/);
    expect(push.out).toMatch(/remote: slipway: synced [0-9a-f]{7}: 2 applied \(succeeded\)/);
    expect(await names()).toEqual(["a", "b"]);
    expect(push.out).not.toContain(TOKEN);
  });

  it("refuses an invalid push with file:line errors, and changes nothing", async () => {
    await put("apps/a.yaml", cm("a", "changed"));
    await put("apps/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n");
    await commitAll("broken");
    const push = await git("push", "origin", "main");
    expect(push.code).not.toBe(0);
    expect(push.out).toMatch(/remote: apps\/bad\.yaml:4: metadata\.name: Invalid value: "Bad_Name"/);
    expect(push.out).toContain("pre-receive hook declined");
    expect((await registry.get("ConfigMap", "default", "a")).data).toEqual({ key: "v" });
    const remoteHead = await run("git", ["rev-parse", "main"], { cwd: join(state, "git", "app.git") });
    const previous = (await git("rev-parse", "HEAD~1")).out.trim();
    expect(remoteHead.stdout.trim()).toBe(previous);
    await git("reset", "-q", "--hard", "HEAD~1");
  });

  it("prunes the objects of a file deleted by a push", async () => {
    await unlink(join(work, "apps/b.yaml"));
    await commitAll("drop b");
    const push = await git("push", "origin", "main");
    expect(push.code).toBe(0);
    expect(push.out).toContain("configmap/b pruned");
    expect(await names()).toEqual(["a"]);
  });

  it("records every sync with revision, author and message, newest first", async () => {
    const records = await listSyncRecords(registry);
    expect(records.map((r) => r.message)).toEqual(["drop b", "two config maps"]);
    expect(records[0]).toMatchObject({ trigger: "push", author: "Ada <ada@example.com>", outcome: "succeeded" });
    expect(records[0]!.revision).toBe((await git("rev-parse", "HEAD")).out.trim());
    expect(records[0]!.steps).toEqual([
      expect.objectContaining({ object: "ConfigMap/default/b", action: "delete", outcome: "applied" }),
    ]);
  });

  it("serves clone of a hosted repository with the token", async () => {
    const clone = join(work, "..", `${work.split("/").pop()}-clone`);
    try {
      const url = new URL(`${server.url}/app.git`);
      url.username = "x";
      url.password = TOKEN;
      const result = await run("git", ["clone", "-q", url.toString(), clone], { env: GIT_ENV });
      expect(result.stderr).toBe("");
      expect((await run("git", ["log", "--format=%s"], { cwd: clone })).stdout.trim().split("\n")).toEqual([
        "drop b",
        "two config maps",
      ]);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });
});
