import type { Client } from "../api/client.js";
import type { KubeObject } from "../api/object.js";
import type { Event } from "../api/types/event.js";

export interface RecordEventOptions {
  /** The object the event is about. */
  involved: KubeObject;
  reason: string;
  message: string;
  type?: "Normal" | "Warning";
  /** source.component and reportingComponent, e.g. "default-scheduler". */
  component: string;
  now?: () => Date;
}

let sequence = 0;

/**
 * Builds a v1 Event about an object, named like Kubernetes' (`<object name>.<unique hex>`) in the
 * object's namespace ("default" for cluster-scoped objects).
 */
export function newEvent({
  involved,
  reason,
  message,
  type = "Normal",
  component,
  now = () => new Date(),
}: RecordEventOptions): Event {
  const { name = "", namespace, uid, resourceVersion } = involved.metadata;
  const time = now()
    .toISOString()
    .replace(/\.\d+Z$/, "Z");
  sequence = (sequence + 1) % 0x100000;
  const suffix = `${Date.now().toString(16)}${sequence.toString(16).padStart(5, "0")}`;
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: { name: `${name}.${suffix}`, namespace: namespace || "default" },
    involvedObject: {
      apiVersion: involved.apiVersion,
      kind: involved.kind,
      name,
      ...(namespace ? { namespace } : {}),
      ...(uid ? { uid } : {}),
      ...(resourceVersion ? { resourceVersion } : {}),
    },
    reason,
    message,
    type,
    source: { component },
    reportingComponent: component,
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
  };
}

/**
 * Writes an Event and never fails the caller: events are best effort (as in Kubernetes), so a
 * failed write is reported through `onError` and otherwise dropped.
 */
export function recordEvent(client: Client, options: RecordEventOptions, onError: (error: unknown) => void): void {
  client.create(newEvent(options)).catch(onError);
}
