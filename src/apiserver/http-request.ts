/**
 * One HTTP exchange with the API server, over node:http or node:https: bearer token, JSON in and
 * out, Status bodies turned back into SlipwayErrors, network failures into ServerUnreachable.
 */
import { type ClientRequest, request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { SlipwayError } from "../api/errors.js";
import { errorFromStatus, failureStatus, isStatus } from "./status.js";

export interface HttpTarget {
  base: URL;
  token: string;
  ca: string | undefined;
  /** Milliseconds a request may wait for its response headers; 0 waits for ever. */
  timeoutMs: number;
}

export interface RequestSpec {
  method: string;
  /** Path and query, starting with "/". */
  path: string;
  body?: unknown;
  contentType?: string | undefined;
  /** Overrides the target's timeout (watches wait for their headers only briefly, then stream). */
  timeoutMs?: number;
}

/** Starts a request and resolves with the response once its headers arrived. */
export function openRequest(
  target: HttpTarget,
  spec: RequestSpec,
  onRequest?: (req: ClientRequest) => void,
): Promise<IncomingMessage> {
  const url = new URL(spec.path, target.base);
  const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
  const headers: Record<string, string> = {
    Authorization: `Bearer ${target.token}`,
    Accept: "application/json",
  };
  if (payload !== undefined) {
    headers["Content-Type"] = spec.contentType ?? "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(payload));
  }
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const timeoutMs = spec.timeoutMs ?? target.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const req = send(url, { method: spec.method, headers, ...(target.ca ? { ca: target.ca } : {}) }, (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(unreachable(target, error));
    });
    // Bounds the wait for the response headers only: a watch streams for as long as it likes after.
    if (timeoutMs > 0) {
      timer = setTimeout(() => {
        const error = new Error(`no answer within ${timeoutMs} ms`) as NodeJS.ErrnoException;
        error.code = "ETIMEDOUT";
        req.destroy(error);
      }, timeoutMs);
    }
    onRequest?.(req);
    req.end(payload);
  });
}

/** Maps a socket-level failure to ServerUnreachable with a hint on how to fix it. */
export function unreachable(target: HttpTarget, error: unknown): SlipwayError {
  if (error instanceof SlipwayError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? "";
  return new SlipwayError(
    "ServerUnreachable",
    `cannot reach the API server at ${target.base.origin}: ${code || (error as Error).message}`,
    {
      hint: "is `slipway up` running, and do --server/--state point at it?",
      cause: error,
    },
  );
}

export async function readText(target: HttpTarget, res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of res) chunks.push(chunk as Buffer);
  } catch (error) {
    throw unreachable(target, error);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Sends a request and returns the parsed JSON body; any non-2xx answer throws its SlipwayError. */
export async function requestJson(target: HttpTarget, spec: RequestSpec): Promise<unknown> {
  const res = await openRequest(target, spec);
  const text = await readText(target, res);
  const code = res.statusCode ?? 0;
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (code >= 200 && code < 300) {
    if (body === undefined && text !== "") {
      throw new SlipwayError("Internal", `the API server answered ${spec.method} ${spec.path} with a non-JSON body`);
    }
    return body;
  }
  throw errorFromStatus(
    isStatus(body) ? body : failureStatus(code, "", text.trim().slice(0, 200) || `HTTP ${code}`),
    code,
  );
}
