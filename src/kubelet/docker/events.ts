/**
 * Docker's /events stream, narrowed to what a kubelet reacts to at once: a container of its node
 * died, was removed (`docker rm -f`) or was OOM-killed. The stream is re-opened when it drops,
 * from the time of the last event seen, so a short disconnect loses nothing (a repeated event is
 * harmless: the kubelet's reaction is a level-triggered sync).
 */
import type { RuntimeEvent } from "../runtime/container-runtime.js";
import type { DockerClient } from "./client.js";

const ACTIONS: ReadonlySet<string> = new Set(["die", "destroy", "oom"]);
/** Attributes Docker adds beside the labels of the container. */
const NOT_LABELS: ReadonlySet<string> = new Set(["name", "image", "exitCode", "signal"]);

export interface WatchEventsOptions {
  /** Only containers carrying every label (`value` undefined: any value). */
  labels?: Record<string, string | undefined>;
  /** First wait before re-opening a dropped stream; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  log?: (message: string) => void;
}

interface DockerEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano?: number;
}

/** Turns one line of the stream into a RuntimeEvent; undefined for anything else. */
export function parseDockerEvent(line: string): { event: RuntimeEvent; timeNano?: number } | undefined {
  let raw: DockerEvent;
  try {
    raw = JSON.parse(line) as DockerEvent;
  } catch {
    return undefined;
  }
  // Docker reports an OOM kill as "oom"; a health-check exec shows as "exec_die", not "die".
  const action = raw.Action ?? "";
  const id = raw.Actor?.ID;
  if (raw.Type !== "container" || !ACTIONS.has(action) || !id) return undefined;
  const labels = Object.fromEntries(Object.entries(raw.Actor?.Attributes ?? {}).filter(([k]) => !NOT_LABELS.has(k)));
  const event: RuntimeEvent = { type: action as RuntimeEvent["type"], id, labels };
  return raw.timeNano !== undefined ? { event, timeNano: raw.timeNano } : { event };
}

/** Streams matching events to `onEvent` until `signal` aborts; resolves then, never rejects. */
export async function watchDockerEvents(
  client: DockerClient,
  onEvent: (event: RuntimeEvent) => void,
  signal: AbortSignal,
  { labels = {}, retryMs = 250, maxRetryMs = 5_000, log = () => {} }: WatchEventsOptions = {},
): Promise<void> {
  const label = Object.entries(labels).map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
  const filters = { type: ["container" as const], event: [...ACTIONS], label };
  // Seconds: events since then are replayed on a reconnect.
  let since = Math.floor(Date.now() / 1000);
  let delay = retryMs;
  while (!signal.aborted) {
    try {
      const stream = await client.call("watch events", (d) => d.getEvents({ filters, since, abortSignal: signal }));
      delay = retryMs;
      await new Promise<void>((resolve) => {
        let buffered = "";
        const stop = () => {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          resolve();
        };
        signal.addEventListener("abort", stop, { once: true });
        stream.on("data", (chunk: Buffer | string) => {
          buffered += chunk.toString();
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines) {
            const parsed = line.trim() ? parseDockerEvent(line) : undefined;
            if (!parsed) continue;
            if (parsed.timeNano !== undefined) since = Math.floor(parsed.timeNano / 1e9);
            onEvent(parsed.event);
          }
        });
        const ended = () => {
          signal.removeEventListener("abort", stop);
          resolve();
        };
        stream.on("end", ended);
        stream.on("close", ended);
        stream.on("error", ended);
      });
    } catch (error) {
      if (signal.aborted) break;
      log(`docker events: ${error instanceof Error ? error.message : String(error)}; retrying`);
    }
    if (signal.aborted) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      signal.addEventListener(
        "abort",
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    delay = Math.min(delay * 2, maxRetryMs);
  }
}
