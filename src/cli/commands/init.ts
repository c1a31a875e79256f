/**
 * `slipway init [DIR]`: a manifests repository from repo-template/ with one commit and a remote
 * `origin` at the engine's git server, so `git push -u origin main` deploys. The token is never
 * written into the repository: a credential helper scoped to the engine's URL reads it from the
 * state directory when git asks.
 */
import { execFile } from "node:child_process";
import { cp, readdir, readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { SlipwayError } from "../../api/errors.js";
import { gitPaths } from "../../gitops/index.js";
import { type CommandResult, ok } from "../result.js";
import { statePaths } from "../state.js";

const run = promisify(execFile);

/** repo-template/ of this installation: three levels up from src/cli/commands or dist/cli/commands. */
export const TEMPLATE_DIR = fileURLToPath(new URL("../../../repo-template/", import.meta.url));

export interface InitOptions {
  dir: string;
  stateDir: string;
  /** The repository's name on the engine (its source id). Default: DIR's base name. */
  name?: string;
  template?: string;
}

const NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch {
    return true;
  }
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  try {
    return (await run("git", args, { cwd })).stdout.trim();
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    const identity = /tell me who you are|user\.email|user\.name/i.test(stderr);
    throw new SlipwayError("Internal", `git ${args[0]} failed: ${stderr.trim()}`, {
      ...(identity
        ? { hint: 'git config --global user.name "You" && git config --global user.email you@example.com' }
        : {}),
    });
  }
}

/** A shell credential helper answering `get` with the token read from `tokenFile`; never prints it elsewhere. */
export function credentialHelper(tokenFile: string): string {
  const file = `'${tokenFile.replaceAll("'", `'\\''`)}'`;
  return `!f() { test "$1" = get || exit 0; echo username=slipway; printf 'password=%s\\n' "$(cat ${file})"; }; f`;
}

export async function initCommand(options: InitOptions): Promise<CommandResult> {
  const dir = resolve(options.dir);
  const name = options.name ?? basename(dir).toLowerCase();
  if (!NAME.test(name)) {
    throw new SlipwayError("Usage", `"${name}" cannot name a repository: use lower-case letters, digits and '-'`, {
      hint: "slipway init DIR --name my-app",
    });
  }
  if (!(await isEmptyOrMissing(dir))) {
    throw new SlipwayError("Conflict", `${dir} exists and is not empty`, { hint: "pick a new folder" });
  }
  let base: string;
  try {
    base = (await readFile(gitPaths(options.stateDir).url, "utf8")).trim();
  } catch {
    throw new SlipwayError("ServerUnreachable", `no engine git server found in ${options.stateDir}`, {
      hint: "start the engine with `slipway up` (or pass --state DIR of a running engine)",
    });
  }
  const remote = `${base}/${name}.git`;
  await cp(options.template ?? TEMPLATE_DIR, dir, { recursive: true });
  await git(dir, "init", "-q", "-b", "main");
  // An empty helper first drops helpers from other config files for this URL (a `store` helper would
  // otherwise save the token in ~/.git-credentials).
  await git(dir, "config", "--add", `credential.${base}.helper`, "");
  await git(dir, "config", "--add", `credential.${base}.helper`, credentialHelper(statePaths(options.stateDir).token));
  await git(dir, "remote", "add", "origin", remote);
  await git(dir, "add", "-A");
  await git(dir, "commit", "-q", "-m", "Initial manifests from slipway init");
  const revision = await git(dir, "rev-parse", "--short", "HEAD");
  return ok(
    [
      `Initialized ${dir} (${revision}) with a remote origin at ${remote}`,
      "Next:",
      `  cd ${options.dir} && git push -u origin main`,
    ].join("\n"),
  );
}
