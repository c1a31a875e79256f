/** v1 Event: a record of something that happened to an object, written by components. */
import type { KubeObject } from "../object.js";
import type { ObjectReference } from "./common.js";

export interface EventSource {
  component?: string;
  host?: string;
}

export interface Event extends KubeObject {
  apiVersion: "v1";
  kind: "Event";
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  type?: "Normal" | "Warning";
  source?: EventSource;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
  reportingComponent?: string;
  reportingInstance?: string;
}
