/**
 * The engine's git server: bare repositories under `<state>/git/<name>.git`, served over smart HTTP
 * (`git http-backend`), created on first push. Every request needs the engine's token (HTTP basic
 * password, any user name; or a bearer token). A push to the deploy branch is checked in
 * pre-receive (refused with file:line errors before the branch moves) and synced in post-receive
 * (the branch has moved, so what runs is always a commit of the branch).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Client } from "../api/client.js";
import { startHookServer } from "./hook-server.js";
import { installHooks, writeHookRelay } from "./hooks.js";
import { serveGitHttp } from "./http-backend.js";
import { RepositorySync } from "./repository-sync.js";
import { sameSecret } from "./secret.js";

const run = promisify(execFile);
const REPO_PATH = /^\/([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.git(\/.*)?$/;

export interface GitServerOptions {
  client: Client;
  stateDir: string;
  token: string;
  log: (line: string) => void;
  /** Once aborted, pushes are refused (the engine is stopping); `close()` stops serving. */
  signal: AbortSignal;
  /** Serve on this loopback address too (port 0: any free port). Omitted: only `handle` serves. */
  listen?: { host: string; port: number };
  /** The branch whose pushes deploy. Default "main". */
  branch?: string;
}

export interface GitServer {
  /** `http://127.0.0.1:PORT/git` when listening on its own; repositories are `<url>/<name>.git`. */
  url: string | undefined;
  /** Serves one request; `pathInfo` is the path below the mount point: `/app.git/info/refs`. */
  handle(req: IncomingMessage, res: ServerResponse, pathInfo: string): Promise<void>;
  close(): Promise<void>;
}

/** The folder holding the hosted repositories, and the file `up` writes the git URL into. */
export function gitPaths(stateDir: string) {
  const root = join(stateDir, "git");
  return { root, url: join(root, "url") };
}

/** The password of a basic credential or a bearer token, whichever the request carries. */
function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? "";
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) return bearer[1]!.trim();
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function listenOn(server: Server, address: { host: string; port: number }): Promise<AddressInfo> {
  return new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(address.port, address.host, () => resolveListen(server.address() as AddressInfo));
  });
}

export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const { client, stateDir, token, log, signal, branch = "main" } = options;
  const paths = gitPaths(stateDir);
  await mkdir(paths.root, { recursive: true, mode: 0o700 });
  const relay = await writeHookRelay(paths.root);
  const existing = (await readdir(paths.root, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && REPO_PATH.test(`/${e.name}`))
    .map((e) => e.name.slice(0, -".git".length));
  for (const name of existing) await installHooks(join(paths.root, `${name}.git`), relay);
  const syncs = new Map<string, RepositorySync>();
  const creating = new Map<string, Promise<void>>();
  const repositorySync = (name: string) => {
    let sync = syncs.get(name);
    if (!sync) {
      sync = new RepositorySync({ client, repository: join(paths.root, `${name}.git`), sourceId: name, branch });
      syncs.set(name, sync);
    }
    return sync;
  };

  const hooks = await startHookServer({ root: paths.root, branch, repository: repositorySync, log, signal });

  async function ensureRepository(name: string): Promise<void> {
    const gitdir = join(paths.root, `${name}.git`);
    if (existsSync(join(gitdir, "HEAD"))) return;
    let pending = creating.get(name);
    if (!pending) {
      pending = (async () => {
        await run("git", ["init", "-q", "--bare", "-b", branch, gitdir]);
        await installHooks(gitdir, relay);
        log(`git: created repository ${name}`);
      })();
      creating.set(name, pending);
    }
    await pending;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, pathInfo: string): Promise<void> {
    const presented = presentedToken(req);
    if (presented === undefined || !sameSecret(presented, token)) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="slipway"', "content-type": "text/plain" });
      res.end("the engine's token is needed (as the password)\n");
      return;
    }
    const match = REPO_PATH.exec(pathInfo);
    if (!match) {
      res.writeHead(404, { "content-type": "text/plain" }).end("no such repository\n");
      return;
    }
    const name = match[1]!;
    const pushing = /(^|&)service=git-receive-pack(&|$)/.test(new URL(req.url ?? "/", "http://x").search.slice(1));
    if (pushing) await ensureRepository(name);
    else if (!existsSync(join(paths.root, `${name}.git`, "HEAD"))) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`no repository ${name}; push to create it\n`);
      return;
    }
    await serveGitHttp(req, res, { projectRoot: paths.root, pathInfo, remoteUser: "slipway", env: hooks.env });
  }

  // A push whose sync a crash cut short completes now; runs in the background, serialized with pushes.
  for (const name of existing) {
    repositorySync(name)
      .resume()
      .then(
        (report) =>
          report &&
          log(`git: ${name} ${report.record.revision.slice(0, 7)} synced on start (${report.record.outcome})`),
        (error: unknown) => log(`git: ${name}: resuming the last push failed: ${String(error)}`),
      );
  }

  let own: Server | undefined;
  let url: string | undefined;
  if (options.listen) {
    own = createServer((req, res) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (!path.startsWith("/git/")) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
        return;
      }
      void handle(req, res, path.slice("/git".length)).catch((error: unknown) => {
        log(`git: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    const address = await listenOn(own, options.listen);
    url = `http://${address.address}:${address.port}/git`;
    await writeFile(paths.url, `${url}\n`);
  }

  const closeServer = (server: Server) =>
    new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
  return {
    url,
    handle,
    close: () => Promise.all([closeServer(hooks.server), ...(own ? [closeServer(own)] : [])]).then(() => {}),
  };
}
