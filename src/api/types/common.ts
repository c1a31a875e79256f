/** Small shapes several kinds share: conditions, int-or-string, resource lists, object references. */

/** A port number or a named port (`8080` or `"http"`); also percentages (`"25%"`) in rollouts. */
export type IntOrString = number | string;

/** Resource name (`cpu`, `memory`, ...) to a quantity (`"500m"`, `"128Mi"`, or a plain number). */
export type ResourceList = Record<string, string | number>;

export type ConditionStatus = "True" | "False" | "Unknown";

export type Protocol = "TCP" | "UDP" | "SCTP";

/** Reference to an object in the same namespace by name. */
export interface LocalObjectReference {
  name?: string;
}

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}
