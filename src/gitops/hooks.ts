/**
 * The hooks of hosted repositories. Each hook is a two-line script that hands its input to the
 * engine over a loopback HTTP call (address and secret in the environment git passes down from
 * the CGI) and prints the engine's answer, so validation and sync run inside the engine with its
 * in-process client; git shows the pusher what the hook prints, prefixed with `remote:`.
 */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const HOOK_URL_ENV = "SLIPWAY_HOOK_URL";
export const HOOK_SECRET_ENV = "SLIPWAY_HOOK_SECRET";
export const HOOK_SECRET_HEADER = "x-slipway-hook-secret";
export const HOOK_KINDS = ["pre-receive", "post-receive"] as const;
export type HookKind = (typeof HOOK_KINDS)[number];

/** What a hook sends: its kind, the repository, the quarantine (pre-receive) and git's stdin. */
export interface HookRequest {
  kind: HookKind;
  gitDir: string;
  quarantine: string;
  updates: string;
}

export interface HookResponse {
  output: string;
  exitCode: number;
}

const RELAY = `// Written by slipway up: relays a git hook to the engine. Do not edit.
import { request } from "node:http";
import { resolve } from "node:path";
const kind = process.argv[2];
let updates = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) updates += chunk;
const fail = (why) => { process.stdout.write("slipway: " + why + "\\n"); process.exit(1); };
const url = process.env.${HOOK_URL_ENV};
if (!url) fail("this repository is served by slipway up; push through its git URL");
const body = JSON.stringify({
  kind,
  gitDir: resolve(process.env.GIT_DIR ?? "."),
  quarantine: process.env.GIT_QUARANTINE_PATH ?? "",
  updates,
});
const req = request(url, {
  method: "POST",
  headers: { "content-type": "application/json", "${HOOK_SECRET_HEADER}": process.env.${HOOK_SECRET_ENV} ?? "" },
}, (res) => {
  let text = "";
  res.setEncoding("utf8");
  res.on("data", (chunk) => { text += chunk; });
  res.on("end", () => {
    let answer;
    try { answer = JSON.parse(text); } catch { fail("the engine's " + kind + " hook failed: " + text); }
    process.stdout.write(answer.output);
    process.exit(answer.exitCode);
  });
});
req.on("error", (error) => fail("cannot reach the engine: " + error.message));
req.end(body);
`;

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** Writes the relay script into `root` (the repositories' folder); returns its path. */
export async function writeHookRelay(root: string): Promise<string> {
  const path = join(root, "hook-relay.mjs");
  await writeFile(path, RELAY, { mode: 0o600 });
  return path;
}

/** (Re)writes a repository's hooks to call `relay` with this Node. */
export async function installHooks(gitdir: string, relay: string): Promise<void> {
  const hooks = join(gitdir, "hooks");
  await mkdir(hooks, { recursive: true });
  for (const kind of HOOK_KINDS) {
    const path = join(hooks, kind);
    await writeFile(path, `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(relay)} ${kind}\n`);
    await chmod(path, 0o700);
  }
}
