import { execFileSync } from "node:child_process";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatManifestError, loadManifests, readManifestDirectory } from "../../../src/source/index.js";

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

let tmp: string;
let root: string;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), "slipway-source-"));
  root = path.join(tmp, "repo");
  await fs.mkdir(root);
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function write(rel: string, content: string | Buffer): Promise<void> {
  const full = path.join(root, rel);
  await fs.mkdir(path.dirname(full), { recursive: true });
  await fs.writeFile(full, content);
}

describe("readManifestDirectory", () => {
  it("collects yaml, yml and json files recursively with sorted slash paths", async () => {
    await write("z.yaml", CM("z"));
    await write("a/b/deep.yml", CM("deep"));
    await write("a/x.json", "{}");
    await write("a/notes.txt", "ignored");
    const { files, errors } = await readManifestDirectory(root);
    expect(errors).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(["a/b/deep.yml", "a/x.json", "z.yaml"]);
  });

  it("skips dot-folders such as .git", async () => {
    await write(".git/config.yaml", "not: read");
    await write("app.yaml", CM("app"));
    const { files } = await readManifestDirectory(root);
    expect(files.map((f) => f.path)).toEqual(["app.yaml"]);
  });

  it("reads a single file given as the root, under its base name", async () => {
    await write("only.yaml", CM("only"));
    const { files, errors } = await readManifestDirectory(path.join(root, "only.yaml"));
    expect(errors).toEqual([]);
    expect(files).toEqual([{ path: "only.yaml", content: CM("only") }]);
  });

  it("reports a missing root as an error instead of throwing", async () => {
    const missing = path.join(tmp, "missing");
    const { files, errors } = await readManifestDirectory(missing);
    expect(files).toEqual([]);
    expect(errors.map(formatManifestError)).toEqual([`${missing}: cannot read: no such file or directory`]);
  });

  it("refuses a file over the default 1 MiB limit without parsing it", async () => {
    await write("huge.yaml", Buffer.alloc(Math.round(3.2 * 1024 * 1024), "a"));
    await write("ok.yaml", CM("ok"));
    const { files, errors } = await readManifestDirectory(root);
    expect(files.map((f) => f.path)).toEqual(["ok.yaml"]);
    expect(errors.map(formatManifestError)).toEqual(["huge.yaml: file is 3.2 MiB, larger than the 1 MiB limit"]);
  });

  it("refuses a file that is not valid UTF-8", async () => {
    await write("latin1.yaml", Buffer.from([0x6b, 0x3a, 0x20, 0xe9, 0x0a]));
    const { errors } = await readManifestDirectory(root);
    expect(errors.map(formatManifestError)).toEqual(["latin1.yaml: file is not valid UTF-8"]);
  });

  it("refuses a symlinked file whose target is outside the root", async () => {
    await fs.writeFile(path.join(tmp, "secret.yaml"), CM("outside"));
    await fs.symlink(path.join(tmp, "secret.yaml"), path.join(root, "link.yaml"));
    await write("ok.yaml", CM("ok"));
    const { files, errors } = await readManifestDirectory(root);
    expect(files.map((f) => f.path)).toEqual(["ok.yaml"]);
    expect(errors.map(formatManifestError)).toEqual(["link.yaml: symlink points outside the source root; refused"]);
  });

  it("refuses a symlinked directory whose target is outside the root, even through a relative link", async () => {
    await fs.mkdir(path.join(tmp, "elsewhere"));
    await fs.writeFile(path.join(tmp, "elsewhere", "x.yaml"), CM("x"));
    await fs.symlink("../elsewhere", path.join(root, "dir"));
    const { files, errors } = await readManifestDirectory(root);
    expect(files).toEqual([]);
    expect(errors.map(formatManifestError)).toEqual(["dir: symlink points outside the source root; refused"]);
  });

  it("follows symlinks that stay inside the root, and stops at cycles", async () => {
    await write("base/cm.yaml", CM("base"));
    await fs.symlink("base/cm.yaml", path.join(root, "alias.yaml"));
    await fs.symlink("..", path.join(root, "base", "up"));
    const { files, errors } = await readManifestDirectory(root);
    expect(errors).toEqual([]);
    expect(files.map((f) => f.path)).toEqual(["alias.yaml", "base/cm.yaml"]);
  });

  it("reports a broken symlink named like a manifest", async () => {
    await fs.symlink(path.join(root, "gone.yaml"), path.join(root, "broken.yaml"));
    const { errors } = await readManifestDirectory(root);
    expect(errors.map(formatManifestError)).toEqual(["broken.yaml: broken symlink: no such file or directory"]);
  });
});

describe("loadManifests", () => {
  it("returns read errors and parse errors together, and the valid objects with their positions", async () => {
    await fs.writeFile(path.join(tmp, "outside.yaml"), CM("outside"));
    await fs.symlink(path.join(tmp, "outside.yaml"), path.join(root, "escape.yaml"));
    await write("apps/web.yaml", `${CM("web")}---\napiVersion: v1\nkind: Foo\n`);
    const result = await loadManifests(root);
    expect(result.objects.map((o) => `${o.object.metadata.name} ${o.source.file}:${o.source.line}`)).toEqual([
      "web apps/web.yaml:1",
    ]);
    expect(result.errors.map(formatManifestError)).toEqual([
      "escape.yaml: symlink points outside the source root; refused",
      'apps/web.yaml:7: no kind "Foo" is registered for version "v1"',
    ]);
  });
});

describe("readManifestDirectory with special files", () => {
  it("refuses a FIFO named like a manifest without blocking on it", async () => {
    execFileSync("mkfifo", [path.join(root, "pipe.yaml")]);
    await write("ok.yaml", CM("ok"));
    const { files, errors } = await readManifestDirectory(root);
    expect(files.map((f) => f.path)).toEqual(["ok.yaml"]);
    expect(errors.map(formatManifestError)).toEqual(["pipe.yaml: not a regular file"]);
  });
});
