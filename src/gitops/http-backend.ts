/**
 * Smart HTTP for git through `git http-backend` as a CGI: clone, fetch and push, with hooks run by
 * git itself. The caller authenticates; this only translates one request into one CGI run.
 */
import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface CgiOptions {
  /** The folder holding the repositories (GIT_PROJECT_ROOT). */
  projectRoot: string;
  /** `/<name>.git/info/refs` and the like, below the mount point. */
  pathInfo: string;
  /** The authenticated user; git refuses a push without one. */
  remoteUser: string;
  /** Passed to git and so to the hooks it runs. */
  env?: Record<string, string>;
}

/** Runs one request through `git http-backend`; resolves when the response has ended. */
export function serveGitHttp(req: IncomingMessage, res: ServerResponse, options: CgiOptions): Promise<void> {
  const url = new URL(req.url ?? "/", "http://git.invalid");
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(", ") : (value ?? "");
  };
  const child = spawn("git", ["http-backend"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/",
      ...options.env,
      GIT_PROJECT_ROOT: options.projectRoot,
      GIT_HTTP_EXPORT_ALL: "1",
      PATH_INFO: options.pathInfo,
      REQUEST_METHOD: req.method ?? "GET",
      QUERY_STRING: url.search.replace(/^\?/, ""),
      CONTENT_TYPE: header("content-type"),
      HTTP_CONTENT_ENCODING: header("content-encoding"),
      GIT_PROTOCOL: header("git-protocol"),
      REMOTE_USER: options.remoteUser,
      REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  req.pipe(child.stdin);
  child.stdin.on("error", () => {
    // git stops reading when it refuses a request; the response says why.
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      const endLf = head.indexOf("\n\n");
      const [at, sepLength] = end >= 0 && (endLf < 0 || end < endLf) ? [end, 4] : [endLf, 2];
      if (at < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, at).toString("latin1").split(/\r?\n/)) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10) || 200;
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(at + sepLength));
    });
    child.on("close", (code) => {
      if (!headersDone) {
        res.writeHead(500, { "content-type": "text/plain" });
        res.write(`git http-backend failed (${code}): ${stderr}`);
      }
      res.end();
      resolve();
    });
    child.on("error", (error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
      resolve();
    });
  });
}
