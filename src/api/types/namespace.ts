/** v1 Namespace: a cluster-scoped name scope with a lifecycle phase. */
import type { KubeObject } from "../object.js";

export interface NamespaceSpec {
  finalizers?: string[];
}

export interface NamespaceStatus {
  phase?: "Active" | "Terminating";
}

export interface Namespace extends KubeObject {
  apiVersion: "v1";
  kind: "Namespace";
  spec?: NamespaceSpec;
  status?: NamespaceStatus;
}
