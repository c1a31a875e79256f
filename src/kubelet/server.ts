/**
 * The kubelet's own HTTP server, which the API server proxies a pod's `log` and `exec`
 * subresources to (as Kubernetes' API server does), so that no client needs to reach Docker:
 *
 * - `GET /containerLogs/<ns>/<pod>/<container>?tailLines=N&follow=true&previous=true`: the
 *   container's output as text/plain, stdout and stderr interleaved. `previous` reads the attempt
 *   before the current one; `follow` streams until the container stops or the client disconnects.
 * - `POST /exec/<ns>/<pod>/<container>` with `{ "command": ["sh", "-c", "..."] }` answers
 *   `{ exitCode, stdout, stderr }` once the command ends. Non-interactive only: no stdin and no
 *   TTY (interactive exec is not supported yet).
 *
 * Every request needs the engine's bearer token. Failures are Kubernetes Status objects. It binds
 * 127.0.0.1 on a free port unless told otherwise.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ERROR_STATUS, isSlipwayError, SlipwayError } from "../api/errors.js";
import type { ContainerRuntime } from "./runtime/container-runtime.js";
import { LABELS } from "./runtime/labels.js";
import { groupRunningPods, type RunningContainer } from "./runtime/running-pods.js";

export interface KubeletServerOptions {
  runtime: ContainerRuntime;
  nodeName: string;
  /** The bearer token every request must carry (the engine's token). */
  token: string;
  /** Where to listen; 127.0.0.1 on a free port by default. */
  listen?: { host?: string; port?: number };
  /** The uid of the pod bound here under that name, so that a deleted pod's containers are not read. */
  podUid?: (namespace: string, name: string) => string | undefined;
  /** Longest an exec may run (default 5 min); it then answers exit code -1. */
  execTimeoutMs?: number;
  /** Receives errors that are bugs. */
  log?: (message: string) => void;
}

export interface KubeletServer {
  host: string;
  port: number;
  /** `http://host:port` */
  url: string;
  /** Stops listening and ends open connections (follows included). */
  close(): Promise<void>;
}

const MAX_EXEC_BODY = 64 * 1024;

/** Starts the server; resolves once the port is bound. */
export async function startKubeletServer(options: KubeletServerOptions): Promise<KubeletServer> {
  const { runtime, nodeName, token, listen = {}, execTimeoutMs = 300_000, log = () => {} } = options;
  if (!token) throw new SlipwayError("Usage", "the kubelet server needs a non-empty token");
  const expected = digest(token);

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!isSlipwayError(error)) log(`server: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
      if (res.headersSent) res.destroy();
      else sendError(res, error);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req.headers.authorization, expected)) {
      req.resume();
      throw new SlipwayError("Unauthorized", "Unauthorized");
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const [verb, namespace, pod, container, ...extra] = url.pathname
      .split("/")
      .filter((p) => p !== "")
      .map(decodeURIComponent);
    if (!namespace || !pod || !container || extra.length > 0 || (verb !== "containerLogs" && verb !== "exec")) {
      req.resume();
      throw new SlipwayError("NotFound", "the server could not find the requested resource");
    }
    const method = req.method ?? "GET";
    if (verb === "containerLogs") {
      req.resume();
      if (method !== "GET") throw new SlipwayError("MethodNotAllowed", "containerLogs takes GET");
      return serveLogs(res, { namespace, pod, container }, url.searchParams);
    }
    if (method !== "POST") {
      req.resume();
      throw new SlipwayError("MethodNotAllowed", "exec takes POST");
    }
    const command = parseExecBody(await readBody(req));
    const target = await findAttempt({ namespace, pod, container }, false);
    if (target.state !== "running") {
      throw new SlipwayError("BadRequest", `container ${container} is not running in pod ${pod}`);
    }
    const result = await runtime.exec(target.id, command, { timeoutMs: execTimeoutMs });
    sendJson(res, 200, { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr });
  }

  async function serveLogs(res: ServerResponse, ref: ContainerRef, query: URLSearchParams): Promise<void> {
    const previous = query.get("previous") === "true";
    const follow = query.get("follow") === "true";
    const tailText = query.get("tailLines");
    const tail = tailText === null || tailText === "" ? undefined : Number(tailText);
    if (tail !== undefined && !(Number.isInteger(tail) && tail >= 0)) {
      throw new SlipwayError("BadRequest", `tailLines must be a non-negative integer, not ${JSON.stringify(tailText)}`);
    }
    const target = await findAttempt(ref, previous);
    const logOptions = tail !== undefined ? { tail } : {};
    if (!follow) {
      const frames = await runtime.logs(target.id, logOptions);
      const body = Buffer.concat(frames.map((f) => f.data));
      res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": body.length });
      res.end(body);
      return;
    }
    const stop = new AbortController();
    res.on("close", () => stop.abort());
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" });
    res.flushHeaders();
    for await (const frame of runtime.followLogs(target.id, { ...logOptions, signal: stop.signal })) {
      if (!res.write(frame.data)) await new Promise((resolve) => res.once("drain", resolve));
    }
    res.end();
  }

  /** The container's current attempt, or the one before it; NotFound/BadRequest as kubectl words them. */
  async function findAttempt(ref: ContainerRef, previous: boolean): Promise<RunningContainer> {
    const listed = await runtime.listContainers({
      [LABELS.node]: nodeName,
      [LABELS.podNamespace]: ref.namespace,
      [LABELS.podName]: ref.pod,
    });
    const uid = options.podUid?.(ref.namespace, ref.pod);
    const pods = [...groupRunningPods(listed, nodeName).values()].filter((p) => uid === undefined || p.pod.uid === uid);
    // Without a uid to go by, the pod whose newest container is newest (a recreated pod's name).
    const newest = (p: (typeof pods)[number]) =>
      Math.max(0, ...[...p.containers.values()].flat().map((c) => c.createdAt));
    const pod = pods.sort((a, b) => newest(b) - newest(a))[0];
    const attempts = pod?.containers.get(ref.container) ?? [];
    const found = attempts[previous ? 1 : 0];
    if (found) return found;
    if (previous) {
      throw new SlipwayError(
        "BadRequest",
        `previous terminated container "${ref.container}" in pod "${ref.pod}" not found`,
      );
    }
    throw new SlipwayError(
      "NotFound",
      `container "${ref.container}" in pod "${ref.pod}" not found on node ${nodeName}`,
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port ?? 0, listen.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    host: address.address,
    port: address.port,
    url: `http://${hostPart}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface ContainerRef {
  namespace: string;
  pod: string;
  container: string;
}

function parseExecBody(body: unknown): string[] {
  const command = (body as { command?: unknown } | undefined)?.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === "string")) {
    throw new SlipwayError("BadRequest", 'exec needs a JSON body { "command": ["cmd", "arg", ...] } with a command');
  }
  return command as string[];
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_EXEC_BODY)
      throw new SlipwayError("BadRequest", `the exec body is larger than ${MAX_EXEC_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new SlipwayError("BadRequest", "the exec body is not valid JSON");
  }
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function authorized(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  // Compare digests so the comparison takes the same time whatever the token's length.
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/** A Kubernetes Status body; anything that is not a SlipwayError is a bug and leaks no detail. */
function sendError(res: ServerResponse, error: unknown): void {
  const known = isSlipwayError(error);
  const { http, reason } = ERROR_STATUS[known ? error.code : "Internal"];
  const message = known ? error.message : "an internal error occurred in the kubelet";
  sendJson(res, http, {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    code: http,
  });
}
