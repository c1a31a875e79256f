import type { Watch, WatchHandler, WatchOptions } from "../api/client.js";
import type { KindInfo } from "../api/kinds.js";
import type { KvBackend, KvEvent, KvWatch } from "./backend.js";
import { decodeKv, decodeObject } from "./object-codec.js";
import { kindPrefix, parseResourceVersion } from "./registry-keys.js";
import { type Selection, selectionFor } from "./selection.js";

export interface ObjectWatchOptions {
  backend: KvBackend;
  info: KindInfo;
  options: WatchOptions;
  handler: WatchHandler;
  /** Settles before the watch starts reading (the registry's initialisation). */
  ready: Promise<void>;
}

/**
 * Turns KV events under a kind's prefix into Kubernetes watch events: ADDED, MODIFIED, DELETED
 * (with the last state and the delete's resourceVersion). With selectors it is Kubernetes' filtered
 * watch: an object that starts matching arrives as ADDED, one that stops matching as DELETED (its
 * previous state). resourceVersion: omitted → from now; "0" → ADDED for every existing object,
 * then every change; N → every change after N, or done rejects with Gone when N is compacted.
 * Selector syntax errors throw synchronously.
 */
export function watchObjects({ backend, info, options, handler, ready }: ObjectWatchOptions): Watch {
  const selection = selectionFor(options);
  const prefix = kindPrefix(info, options.namespace ?? "");
  const start = options.resourceVersion ? parseResourceVersion(options.resourceVersion) : undefined;
  let inner: KvWatch | undefined;
  let stopped = false;
  let resolveDone!: () => void;
  let rejectDone!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });

  const run = async (): Promise<void> => {
    await ready;
    let from: number;
    if (start === undefined) {
      from = await backend.currentRevision();
    } else if (start === 0) {
      const { kvs, revision } = await backend.range(prefix);
      for (const kv of kvs) {
        if (stopped) return;
        const object = decodeKv(kv);
        if (!selection || selection(object)) handler({ type: "ADDED", object });
      }
      from = revision;
    } else {
      from = start;
    }
    if (stopped) return;
    inner = backend.watch(prefix, from, (event) => {
      const translated = translate(event, selection);
      if (translated && !stopped) handler(translated);
    });
    await inner.done;
  };
  run().then(resolveDone, rejectDone);

  return {
    done,
    stop() {
      stopped = true;
      inner?.stop();
      resolveDone();
    },
  };
}

function translate(event: KvEvent, selection: Selection): Parameters<WatchHandler>[0] | undefined {
  const object = decodeObject(event.value, event.revision);
  if (event.type === "delete") return !selection || selection(object) ? { type: "DELETED", object } : undefined;
  if (!selection) return { type: event.prevValue === undefined ? "ADDED" : "MODIFIED", object };
  const now = selection(object);
  const before = event.prevValue !== undefined && selection(decodeObject(event.prevValue, event.revision));
  if (now) return { type: before ? "MODIFIED" : "ADDED", object };
  if (before) return { type: "DELETED", object: decodeObject(event.prevValue!, event.revision) };
  return undefined;
}
