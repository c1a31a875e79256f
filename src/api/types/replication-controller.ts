/** v1 ReplicationController: keeps `replicas` pods matching an equality-based selector. */
import type { KubeObject } from "../object.js";
import type { ConditionStatus } from "./common.js";
import type { PodTemplateSpec } from "./pod.js";

export interface ReplicationControllerSpec {
  replicas?: number;
  minReadySeconds?: number;
  /** Equality-based; defaulted from the template's labels when absent. */
  selector?: Record<string, string>;
  template?: PodTemplateSpec;
}

export interface ReplicaCondition {
  type: string;
  status: ConditionStatus;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicationControllerStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaCondition[];
}

export interface ReplicationController extends KubeObject {
  apiVersion: "v1";
  kind: "ReplicationController";
  spec?: ReplicationControllerSpec;
  status?: ReplicationControllerStatus;
}
