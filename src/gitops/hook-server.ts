/**
 * The engine's end of the hooks: a loopback HTTP endpoint the hook relay calls. pre-receive checks
 * the pushed commit of the deploy branch (read through the push's quarantine) and refuses it on
 * any error; post-receive syncs it. The address and a per-process secret reach the hooks through
 * the environment of the git processes the server starts (`env`).
 */
import { randomBytes } from "node:crypto";
import { realpath } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { HOOK_SECRET_ENV, HOOK_SECRET_HEADER, HOOK_URL_ENV, type HookRequest, type HookResponse } from "./hooks.js";
import { quarantineFs } from "./quarantine-fs.js";
import type { RepositorySync } from "./repository-sync.js";
import { readBody, sameSecret } from "./secret.js";

const ZERO = /^0+$/;

export interface HookServerOptions {
  /** The folder holding the repositories (`<name>.git`). */
  root: string;
  branch: string;
  repository(name: string): RepositorySync;
  log: (line: string) => void;
  /** Once aborted, pre-receive refuses pushes. */
  signal: AbortSignal;
}

export interface HookServer {
  /** Environment for git processes, so their hooks find this endpoint. */
  env: Record<string, string>;
  server: Server;
}

export async function startHookServer(options: HookServerOptions): Promise<HookServer> {
  const { branch, log, signal } = options;
  // Hooks report their repository by the working directory git gave them: a real path.
  const root = await realpath(options.root);
  const secret = randomBytes(24).toString("hex");

  async function answer(req: IncomingMessage): Promise<HookResponse> {
    if (!sameSecret(String(req.headers[HOOK_SECRET_HEADER] ?? ""), secret)) {
      return { output: "slipway: hook not authorized\n", exitCode: 1 };
    }
    const hook = JSON.parse(await readBody(req)) as HookRequest;
    if (signal.aborted && hook.kind === "pre-receive") {
      return { output: "slipway: the engine is stopping; push again once it is up\n", exitCode: 1 };
    }
    const gitDir = await realpath(resolve(hook.gitDir)).catch(() => resolve(hook.gitDir));
    const match = /^([a-z0-9-]+)\.git$/.exec(gitDir.slice(root.length + 1));
    if (!gitDir.startsWith(`${root}/`) || !match) return { output: "slipway: unknown repository\n", exitCode: 1 };
    const sync = options.repository(match[1]!);
    const lines: string[] = [];
    let ok = true;
    for (const line of hook.updates.split("\n")) {
      const [, next, ref] = line.trim().split(/\s+/);
      if (!next || ref !== `refs/heads/${branch}`) continue;
      if (hook.kind === "pre-receive") {
        if (ZERO.test(next)) {
          lines.push(`slipway: deleting ${branch} is refused: it is what the engine runs`);
          ok = false;
          continue;
        }
        const fs = hook.quarantine ? quarantineFs(sync.source.gitdir, hook.quarantine) : undefined;
        const report = await sync.check(next, fs);
        lines.push(...report.lines);
        ok &&= report.ok;
      } else if (!ZERO.test(next)) {
        const report = await sync.sync(next, "push");
        log(`git: ${match[1]} ${next.slice(0, 7)} synced (${report.record.outcome})`);
        lines.push(...report.lines);
      }
    }
    return { output: lines.map((l) => `${l}\n`).join(""), exitCode: ok ? 0 : 1 };
  }

  const server = createServer((req, res) => {
    const reply = (body: HookResponse) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    answer(req).then(reply, (error: unknown) => {
      log(`git hook failed: ${error instanceof Error ? error.stack : String(error)}`);
      reply({ output: `slipway: internal error: ${error instanceof Error ? error.message : error}\n`, exitCode: 1 });
    });
  });
  const address = await new Promise<AddressInfo>((done, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => done(server.address() as AddressInfo));
  });
  return {
    env: { [HOOK_URL_ENV]: `http://127.0.0.1:${address.port}/hook`, [HOOK_SECRET_ENV]: secret },
    server,
  };
}
