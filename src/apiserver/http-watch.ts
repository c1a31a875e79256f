/**
 * Client side of a watch over HTTP: reads newline-delimited JSON events from a chunked response
 * and hands each to the handler in order. An ERROR event ends the watch with its Status as a
 * SlipwayError (410 → Gone); a clean end of the stream (server timeout) resolves `done`; a dropped
 * connection rejects it with ServerUnreachable. Resuming is the caller's job: watch again from the
 * last resourceVersion seen.
 */
import type { ClientRequest } from "node:http";
import type { Readable } from "node:stream";
import type { Watch, WatchHandler } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import type { WatchEvent } from "../api/object.js";
import { type HttpTarget, openRequest, readText, unreachable } from "./http-request.js";
import { errorFromStatus, failureStatus, isStatus } from "./status.js";

/** Wraps what the caller's handler threw, to tell it apart from stream failures. */
class HandlerError extends Error {
  constructor(cause: unknown) {
    super("watch handler failed", { cause });
  }
}

export interface HttpWatchSpec {
  /** Collection path, without query. */
  path: string;
  params: Record<string, string | undefined>;
  /** Resolves the resourceVersion to watch from (may read a list first). */
  startFrom(): Promise<string>;
  handler: WatchHandler;
}

/**
 * The JSON values of a newline-delimited stream, in order. Bytes are decoded as a stream, so a
 * character split across two chunks stays whole; blank lines are skipped.
 */
export async function* jsonLines(stream: Readable): AsyncGenerator<unknown> {
  stream.setEncoding("utf8");
  let buffered = "";
  for await (const chunk of stream) {
    buffered += chunk as string;
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line) yield JSON.parse(line);
      newline = buffered.indexOf("\n");
    }
  }
  if (buffered.trim()) yield JSON.parse(buffered);
}

export function startHttpWatch(target: HttpTarget, spec: HttpWatchSpec): Watch {
  let stopped = false;
  let request: ClientRequest | undefined;

  const run = async (): Promise<void> => {
    const resourceVersion = await spec.startFrom();
    if (stopped) return;
    const search = new URLSearchParams({ watch: "true", resourceVersion });
    for (const [key, value] of Object.entries(spec.params)) if (value) search.set(key, value);
    const res = await openRequest(target, { method: "GET", path: `${spec.path}?${search}` }, (req) => {
      request = req;
    });
    if (stopped) {
      res.destroy();
      return;
    }
    const code = res.statusCode ?? 0;
    if (code < 200 || code >= 300) {
      const text = await readText(target, res);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      throw errorFromStatus(isStatus(body) ? body : failureStatus(code, "", text.slice(0, 200)), code);
    }
    try {
      for await (const line of jsonLines(res)) deliver(line as WatchEvent);
    } catch (error) {
      if (stopped) return;
      if (error instanceof SlipwayError || error instanceof HandlerError) throw error;
      throw unreachable(target, error);
    }
    if (!stopped && !res.complete) {
      throw new SlipwayError("ServerUnreachable", `the watch connection to ${target.base.origin} was lost`, {
        hint: "watch again from the last resourceVersion received",
      });
    }
  };

  const deliver = (event: WatchEvent) => {
    if (stopped) return;
    if (event.type === "ERROR") {
      throw isStatus(event.object)
        ? errorFromStatus(event.object)
        : new SlipwayError("Internal", "the watch ended with an ERROR event");
    }
    if (event.type === "BOOKMARK") return;
    try {
      spec.handler(event);
    } catch (error) {
      throw new HandlerError(error);
    }
  };

  const done = run().catch((error: unknown) => {
    request?.destroy();
    if (stopped) return;
    // A handler's own exception ends the watch with that exception, not as a network failure.
    throw error instanceof HandlerError ? error.cause : error;
  });
  return {
    done,
    stop() {
      if (stopped) return;
      stopped = true;
      request?.destroy();
    },
  };
}
