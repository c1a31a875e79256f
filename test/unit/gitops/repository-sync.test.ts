import { execFileSync } from "node:child_process";
import { mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUDIT_NAMESPACE, listSyncRecords } from "../../../src/gitops/audit-trail.js";
import { RepositorySync } from "../../../src/gitops/repository-sync.js";
import { createRegistry, MemoryBackend, type Registry } from "../../../src/store/index.js";
import { SOURCE_LABEL } from "../../../src/sync/index.js";

const cm = (name: string, value = "v") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: "${value}"\n`;
const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Ada",
  GIT_AUTHOR_EMAIL: "ada@example.com",
  GIT_COMMITTER_NAME: "Ada",
  GIT_COMMITTER_EMAIL: "ada@example.com",
};

describe("RepositorySync", () => {
  let repo: string;
  let registry: Registry;
  let clock: number;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8" }).trim();
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    return git("rev-parse", "HEAD");
  };
  const names = async () =>
    (await registry.list("ConfigMap", { namespace: "default" })).items.map((o) => o.metadata.name).sort();
  const newSync = () =>
    new RepositorySync({ client: registry, repository: repo, sourceId: "app", now: () => new Date(clock++ * 1000) });

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), "slipway-reposync-"));
    git("init", "-q", "-b", "main");
    registry = createRegistry(new MemoryBackend());
    clock = 1_800_000_000;
  });
  afterEach(async () => {
    await registry.close();
    await rm(repo, { recursive: true, force: true });
  });

  it("accepts a valid commit without writing anything", async () => {
    await writeFile(join(repo, "a.yaml"), cm("a"));
    const report = await newSync().check(commit("one"));
    expect(report.ok).toBe(true);
    expect(report.lines.at(-1)).toMatch(/^slipway: [0-9a-f]{7} is valid: 1 to create$/);
    expect(await names()).toEqual([]);
  });

  it("refuses an invalid commit with every error on its file and line", async () => {
    await writeFile(join(repo, "a.yaml"), cm("a"));
    await writeFile(join(repo, "bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n");
    await writeFile(join(repo, "broken.yaml"), "kind: [unclosed\n");
    const report = await newSync().check(commit("bad"));
    expect(report.ok).toBe(false);
    expect(report.lines[0]).toMatch(/^bad\.yaml:4: metadata\.name: Invalid value: "Bad_Name"/);
    expect(report.lines.some((l) => /^broken\.yaml:\d+:\d+: YAML syntax error/.test(l))).toBe(true);
    expect(report.lines.at(-1)).toMatch(/refused: 2 errors in manifests; nothing was applied$/);
  });

  it("applies a commit, records it, and prunes what a later commit deletes", async () => {
    await writeFile(join(repo, "a.yaml"), cm("a"));
    await writeFile(join(repo, "b.yaml"), cm("b"));
    const sync = newSync();
    const first = await sync.sync(commit("two"), "push");
    expect(first.ok).toBe(true);
    expect(first.lines).toEqual(["configmap/a created", "configmap/b created", expect.stringMatching(/2 applied/)]);
    expect(await names()).toEqual(["a", "b"]);
    await unlink(join(repo, "b.yaml"));
    const second = await sync.sync(commit("drop b"), "push");
    expect(second.lines).toContain("configmap/b pruned");
    expect(await names()).toEqual(["a"]);
    const records = await listSyncRecords(registry);
    expect(records.map((r) => [r.message, r.outcome, r.trigger])).toEqual([
      ["drop b", "succeeded", "push"],
      ["two", "succeeded", "push"],
    ]);
  });

  it("prunes nothing for a commit that removes every manifest, and says so", async () => {
    await writeFile(join(repo, "a.yaml"), cm("a"));
    const sync = newSync();
    await sync.sync(commit("one"), "push");
    await unlink(join(repo, "a.yaml"));
    const empty = commit("empty");
    const check = await sync.check(empty);
    expect(check.ok).toBe(true);
    expect(check.lines.some((l) => l.startsWith("slipway: warning:"))).toBe(true);
    await sync.sync(empty, "push");
    expect(await names()).toEqual(["a"]);
  });

  it("keeps audit records out of every source, so no sync prunes them", async () => {
    await writeFile(join(repo, "a.yaml"), cm("a"));
    await newSync().sync(commit("one"), "push");
    const stored = await registry.list("ConfigMap", { namespace: AUDIT_NAMESPACE });
    expect(stored.items).toHaveLength(1);
    expect(stored.items[0]!.metadata.labels?.[SOURCE_LABEL]).toBeUndefined();
  });

  it("on resume, syncs the branch once when its last push was not recorded, and not again", async () => {
    await writeFile(join(repo, "a.yaml"), cm("a"));
    await newSync().sync(commit("one"), "push");
    await writeFile(join(repo, "b.yaml"), cm("b"));
    const head = commit("pushed, then the engine died");
    const resumed = await newSync().resume();
    expect(resumed?.record.revision).toBe(head);
    expect(await names()).toEqual(["a", "b"]);
    expect(await newSync().resume()).toBeUndefined();
    expect((await listSyncRecords(registry)).map((r) => r.revision)).toEqual([head, git("rev-parse", "HEAD~1")]);
  });
});
