import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GitSource } from "../../../src/gitops/git-source.js";
import { quarantineFs } from "../../../src/gitops/quarantine-fs.js";

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "A",
  GIT_AUTHOR_EMAIL: "a@x",
  GIT_COMMITTER_NAME: "A",
  GIT_COMMITTER_EMAIL: "a@x",
};

describe("quarantineFs", () => {
  let base: string;
  let work: string;
  let bare: string;
  let quarantine: string;
  const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env: ENV, encoding: "utf8" }).trim();

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), "slipway-quarantine-"));
    work = join(base, "work");
    bare = join(base, "bare.git");
    quarantine = join(base, "incoming");
    await mkdir(work);
    git(work, "init", "-q", "-b", "main");
    await writeFile(join(work, "a.yaml"), cm("a"));
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", "one");
    git(base, "clone", "-q", "--bare", work, bare);
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it("reads a pushed commit whose objects are only in the quarantine, next to the repository's", async () => {
    await writeFile(join(work, "b.yaml"), cm("b"));
    git(work, "add", "-A");
    git(work, "commit", "-q", "-m", "two");
    const next = git(work, "rev-parse", "HEAD");
    // Pack only the new objects into the quarantine, as receive-pack does.
    await mkdir(join(quarantine, "pack"), { recursive: true });
    const objects = git(work, "rev-list", "--objects", "HEAD~1..HEAD");
    execFileSync("git", ["pack-objects", "-q", join(quarantine, "pack", "pack")], { cwd: work, input: `${objects}\n` });

    const source = new GitSource({ repository: bare });
    await expect(source.load(next)).rejects.toThrow();
    const load = await source.load(next, quarantineFs(bare, quarantine));
    expect(load.errors).toEqual([]);
    expect(load.objects.map((o) => o.object.metadata.name)).toEqual(["a", "b"]);
  });
});
