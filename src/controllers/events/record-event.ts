import { createHash } from "node:crypto";
import type { Client } from "../../api/client.js";
import { isSlipwayError } from "../../api/errors.js";
import { kindInfo } from "../../api/kinds.js";
import type { KubeObject } from "../../api/object.js";
import type { Event } from "../../api/types/event.js";

export interface RecordEventOptions {
  /** The object the event is about. */
  involvedObject: KubeObject;
  /** UpperCamelCase, machine-readable: SuccessfulCreate, FailedCreate, NodeNotReady. */
  reason: string;
  message: string;
  type?: "Normal" | "Warning";
  /** Who reports it: replication-controller, scheduler, kubelet. */
  component: string;
  /** The clock (tests inject one). */
  now?: () => Date;
  /** Where a failure to record is reported; events are best effort. */
  log?: (message: string) => void;
}

const ATTEMPTS = 5;

/** RFC 3339 with whole seconds, as metav1.Time serialises. */
function timestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * `<object name>.<16 hex>`: the hash covers what makes two events "the same" (object identity,
 * reason, message, type, component), so a repeat lands on the same Event and is counted.
 */
export function eventName({ involvedObject, reason, message, type = "Normal", component }: RecordEventOptions): string {
  const { kind } = involvedObject;
  const { namespace = "", name = "", uid = "" } = involvedObject.metadata;
  const hash = createHash("sha256")
    .update(JSON.stringify([kind, namespace, name, uid, reason, message, type, component]))
    .digest("hex")
    .slice(0, 16);
  return `${name}.${hash}`;
}

/**
 * Records an event about `involvedObject` in its namespace ("default" for cluster-scoped objects):
 * creates `<object>.<hash>` with count 1, or bumps count and lastTimestamp of the existing one
 * (resourceVersion-guarded, retried on Conflict). Best effort, as Kubernetes' recorder: never
 * throws; resolves with the Event written, or undefined when it could not be written (logged).
 */
export async function recordEvent(client: Client, options: RecordEventOptions): Promise<Event | undefined> {
  const { involvedObject, reason, component, now = () => new Date(), log } = options;
  const info = kindInfo(involvedObject.kind);
  const namespace = (info?.namespaced ?? true) ? (involvedObject.metadata.namespace ?? "default") : "default";
  const name = eventName(options);
  try {
    for (let attempt = 1; ; attempt++) {
      const at = timestamp(now());
      try {
        const existing = (await client.get("Event", namespace, name)) as Event;
        const next = structuredClone(existing);
        next.count = (existing.count ?? 1) + 1;
        next.lastTimestamp = at;
        return (await client.update(next)) as Event;
      } catch (error) {
        if (isSlipwayError(error, "NotFound")) {
          const created = await client.create(newEvent(options, namespace, name, at)).catch((e: unknown) => {
            if (isSlipwayError(e, "AlreadyExists")) return undefined;
            throw e;
          });
          if (created) return created as Event;
        } else if (!isSlipwayError(error, "Conflict")) {
          throw error;
        }
        if (attempt >= ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    log?.(`${component}: could not record event ${reason} for ${involvedObject.kind}/${name}: ${why}`);
    return undefined;
  }
}

function newEvent(options: RecordEventOptions, ns: string, eventNameValue: string, at: string): Event {
  const { involvedObject, reason, message, type = "Normal", component } = options;
  const { apiVersion, kind, metadata } = involvedObject;
  const ref: Event["involvedObject"] = { apiVersion, kind };
  if (metadata.namespace) ref.namespace = metadata.namespace;
  if (metadata.name) ref.name = metadata.name;
  if (metadata.uid) ref.uid = metadata.uid;
  if (metadata.resourceVersion) ref.resourceVersion = metadata.resourceVersion;
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: eventNameValue, namespace: ns },
    involvedObject: ref,
    reason,
    message,
    type,
    source: { component },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    reportingComponent: component,
  };
}
