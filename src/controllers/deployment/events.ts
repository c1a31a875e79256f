import type { Client } from "../../api/client.js";
import type { Deployment } from "../../api/types/apps.js";
import type { Event } from "../../api/types/event.js";
import type { Log } from "../runtime/log.js";

/** Records what the controller did to a Deployment, for `describe`; never fails a sync. */
export type EventRecorder = (d: Deployment, reason: string, message: string) => Promise<void>;

/** An Event recorder writing through the client as component "deployment-controller". */
export function eventRecorder(client: Client, now: () => Date, log: Log): EventRecorder {
  return async (d, reason, message) => {
    const time = now().toISOString();
    const event: Event = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { generateName: `${d.metadata.name}.`, namespace: d.metadata.namespace ?? "default" },
      involvedObject: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        namespace: d.metadata.namespace ?? "default",
        name: d.metadata.name ?? "",
        uid: d.metadata.uid ?? "",
      },
      reason,
      message,
      type: "Normal",
      source: { component: "deployment-controller" },
      firstTimestamp: time,
      lastTimestamp: time,
      count: 1,
    };
    try {
      await client.create(event);
    } catch (error) {
      log(`deployment ${d.metadata.namespace}/${d.metadata.name}: event ${reason} not recorded: ${String(error)}`);
    }
  };
}
