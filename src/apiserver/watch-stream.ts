/**
 * Serves `?watch=true` as Kubernetes does: a chunked response whose headers are flushed at once,
 * one JSON event per line (`{"type":"ADDED","object":{...}}`). Without a resourceVersion (or with
 * "0") the current objects arrive first as ADDED events, then every later change. A watch that
 * ends with an error (Gone when the history was compacted) ends with an ERROR event carrying the
 * Status, like Kubernetes' 410 Expired.
 */
import type { ServerResponse } from "node:http";
import type { Client, Watch, WatchOptions } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import type { KindInfo } from "../api/kinds.js";
import type { WatchEvent } from "../api/object.js";
import { listOptions } from "./request.js";
import { statusFromError } from "./status.js";

export interface WatchRequest {
  client: Client;
  info: KindInfo;
  namespace: string;
  /** Watching one object by name is a watch with fieldSelector metadata.name=<name>. */
  name?: string;
  query: URLSearchParams;
  res: ServerResponse;
  /** Fires when the client goes away or the server stops. */
  onClose(listener: () => void): void;
  /**
   * Events queued for a client that does not read them, beyond which the connection is dropped
   * (the client watches again from its last version), so one slow watcher cannot exhaust memory.
   */
  maxBufferBytes: number;
}

export function isWatchRequest(query: URLSearchParams): boolean {
  const value = query.get("watch");
  return value === "true" || value === "1";
}

/** Streams events until the client leaves, timeoutSeconds pass, or the watch fails. */
export async function streamWatch(req: WatchRequest): Promise<void> {
  const options: WatchOptions = listOptions(req);
  if (req.name !== undefined) {
    const byName = `metadata.name=${req.name}`;
    options.fieldSelector = options.fieldSelector ? `${options.fieldSelector},${byName}` : byName;
  }
  const timeout = parseTimeout(req.query.get("timeoutSeconds"));
  let resourceVersion = req.query.get("resourceVersion") ?? "";

  // Resolve the start before sending headers, so a bad selector is still an ordinary 400.
  let initial: WatchEvent[] = [];
  if (resourceVersion === "" || resourceVersion === "0") {
    const current = await req.client.list(req.info.kind, options);
    initial = current.items.map((object) => ({ type: "ADDED", object }));
    resourceVersion = current.resourceVersion;
  }

  const { res } = req;
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-cache, private" });
  res.flushHeaders();
  let watch: Watch | undefined;
  const send = (event: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.write(`${JSON.stringify(event)}\n`);
    if (res.writableLength > req.maxBufferBytes) {
      watch?.stop();
      res.destroy();
    }
  };
  for (const event of initial) send(event);

  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const stop = () => {
    closed = true;
    watch?.stop();
  };
  req.onClose(stop);
  try {
    watch = req.client.watch(req.info.kind, { ...options, resourceVersion }, send);
    if (closed) watch.stop();
    if (timeout !== undefined) timer = setTimeout(stop, timeout * 1000);
    await watch.done;
  } catch (error) {
    send({ type: "ERROR", object: statusFromError(error) });
  } finally {
    if (timer) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  }
}

function parseTimeout(value: string | null): number | undefined {
  if (value === null || value === "") return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new SlipwayError("BadRequest", `timeoutSeconds must be a non-negative number, got ${JSON.stringify(value)}`);
  }
  return seconds;
}
