import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitSource } from "../../../src/gitops/git-source.js";

const cm = (name: string, value = "v") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: "${value}"\n`;

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: "Ada",
  GIT_AUTHOR_EMAIL: "ada@example.com",
  GIT_COMMITTER_NAME: "Bob",
  GIT_COMMITTER_EMAIL: "bob@example.com",
};

describe("GitSource", () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, env: GIT_ENV, encoding: "utf8" }).trim();
  const put = async (path: string, content: string) => {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), content);
  };
  const commit = (message: string) => {
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", message);
    return git("rev-parse", "HEAD");
  };

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), "slipway-gitsrc-"));
    git("init", "-q", "-b", "main");
  });
  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it("reads the manifests of a commit with its author, committer and message", async () => {
    await put("apps/a.yaml", cm("a"));
    await put("README.md", "not a manifest");
    const rev = commit("first\n\nbody");
    const source = new GitSource({ repository: repo });
    expect(await source.head()).toBe(rev);
    const load = await source.load(rev);
    expect(load.errors).toEqual([]);
    expect(load.files.map((f) => f.path)).toEqual(["apps/a.yaml"]);
    expect(load.objects.map((o) => o.object.metadata.name)).toEqual(["a"]);
    expect(load.objects[0]!.source).toEqual({ file: "apps/a.yaml", line: 1 });
    expect(load.commit).toMatchObject({
      revision: rev,
      author: "Ada <ada@example.com>",
      committer: "Bob <bob@example.com>",
      message: "first\n\nbody",
    });
  });

  it("reads the commit's tree, not the working copy", async () => {
    await put("a.yaml", cm("a", "committed"));
    const rev = commit("one");
    await put("a.yaml", cm("a", "uncommitted"));
    await put("b.yaml", cm("b"));
    const load = await new GitSource({ repository: repo }).load(rev);
    expect(load.files).toHaveLength(1);
    expect(load.objects[0]!.object.data).toEqual({ key: "committed" });
  });

  it("re-reads only the blobs that changed since the last load", async () => {
    for (let i = 0; i < 20; i++) await put(`dir${i % 4}/f${i}.yaml`, cm(`f${i}`));
    const first = commit("twenty files");
    const source = new GitSource({ repository: repo });
    const one = await source.load(first);
    expect(one.stats.blobsRead).toBe(20);
    await put("dir1/f1.yaml", cm("f1", "changed"));
    await put("dir9/new.yaml", cm("new"));
    const second = commit("one change, one new file");
    const two = await source.load(second);
    expect(two.stats.blobsRead).toBe(2);
    // The root, dir1 and dir9 changed; dir0, dir2 and dir3 were skipped whole.
    expect(two.stats.treesRead).toBe(3);
    expect(two.objects).toHaveLength(21);
    expect(two.objects.find((o) => o.object.metadata.name === "f1")!.object.data).toEqual({ key: "changed" });
  });

  it("drops a deleted file's objects", async () => {
    await put("a.yaml", cm("a"));
    await put("b.yaml", cm("b"));
    const source = new GitSource({ repository: repo });
    await source.load(commit("two"));
    await unlink(join(repo, "b.yaml"));
    const load = await source.load(commit("one"));
    expect(load.objects.map((o) => o.object.metadata.name)).toEqual(["a"]);
  });

  it("reads only the given folder, with paths from the repository root", async () => {
    await put("deploy/a.yaml", cm("a"));
    await put("other/b.yaml", cm("b"));
    const load = await new GitSource({ repository: repo, folder: "deploy" }).load(commit("two"));
    expect(load.files.map((f) => f.path)).toEqual(["deploy/a.yaml"]);
  });

  it("reports a missing folder as an error", async () => {
    await put("a.yaml", cm("a"));
    const load = await new GitSource({ repository: repo, folder: "nope" }).load(commit("one"));
    expect(load.objects).toEqual([]);
    expect(load.errors[0]!.message).toMatch(/folder not found/);
  });

  it("reports a missing branch as NotFound", async () => {
    await put("a.yaml", cm("a"));
    commit("one");
    await expect(new GitSource({ repository: repo, branch: "prod" }).head()).rejects.toMatchObject({
      code: "NotFound",
    });
  });

  it("places validation errors on their file and line", async () => {
    await put(
      "web.yaml",
      "apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: web\nspec:\n  replicas: -1\n  selector:\n    app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: c\n          image: x\n",
    );
    const load = await new GitSource({ repository: repo }).load(commit("bad"));
    expect(load.errors).toHaveLength(1);
    expect(load.errors[0]).toMatchObject({ file: "web.yaml", line: 6 });
    expect(load.errors[0]!.message).toMatch(/spec\.replicas: Invalid value: -1/);
  });

  it("refuses a symlink that leaves the repository", async () => {
    await put("a.yaml", cm("a"));
    await symlink("../../etc/passwd.yaml", join(repo, "evil.yaml"));
    await symlink("/etc", join(repo, "etc"));
    const load = await new GitSource({ repository: repo }).load(commit("links"));
    expect(load.errors.map((e) => `${e.file}: ${e.message}`).sort()).toEqual([
      'etc: symlink to "/etc" leaves the repository; refused',
      'evil.yaml: symlink to "../../etc/passwd.yaml" leaves the repository; refused',
    ]);
  });

  it("follows a symlink that stays inside the repository, reading the target from the tree", async () => {
    await put("shared/base.yaml", cm("base"));
    await mkdir(join(repo, "deploy"));
    await symlink("../shared/base.yaml", join(repo, "deploy/base.yaml"));
    const load = await new GitSource({ repository: repo, folder: "deploy" }).load(commit("link"));
    expect(load.errors).toEqual([]);
    expect(load.objects.map((o) => o.object.metadata.name)).toEqual(["base"]);
  });

  it("reads a bare repository", async () => {
    await put("a.yaml", cm("a"));
    const rev = commit("one");
    const bare = `${repo}-bare.git`;
    execFileSync("git", ["clone", "-q", "--bare", repo, bare]);
    try {
      const source = new GitSource({ repository: bare });
      expect(await source.head()).toBe(rev);
      expect((await source.load(rev)).objects).toHaveLength(1);
    } finally {
      await rm(bare, { recursive: true, force: true });
    }
  });
});
