/**
 * Reading request bodies (bounded) and writing JSON responses on node:http. A body over the limit
 * or that is not JSON becomes a Status (413, 400) instead of an exception escaping the server.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { SlipwayError } from "../api/errors.js";
import { failureStatus, type Status } from "./status.js";

/** Thrown by readJsonBody; carries a ready Status for codes that have no ErrorCode. */
export class HttpStatusError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message);
    this.status = status;
  }
}

/** Reads the whole body, at most `limit` bytes; an empty body is undefined. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SlipwayError("BadRequest", `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(limit: number): HttpStatusError {
  return new HttpStatusError(
    failureStatus(413, "RequestEntityTooLarge", `the request body is larger than the limit of ${limit} bytes`),
  );
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-cache, private",
  });
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: Status): void {
  sendJson(res, status.code, status);
}
