/** apps/v1 ReplicaSet and Deployment: set-based selectors, rollouts, revision history. */
import type { KubeObject } from "../object.js";
import type { LabelSelectorSpec } from "../selector/index.js";
import type { IntOrString } from "./common.js";
import type { PodTemplateSpec } from "./pod.js";
import type { ReplicaCondition, ReplicationControllerStatus } from "./replication-controller.js";

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  /** Required and non-empty in apps/v1, and immutable. */
  selector: LabelSelectorSpec;
  template?: PodTemplateSpec;
}

export type ReplicaSetStatus = ReplicationControllerStatus;

export interface ReplicaSet extends KubeObject {
  apiVersion: "apps/v1";
  kind: "ReplicaSet";
  spec: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}

export interface RollingUpdateDeployment {
  /** An integer or a percentage of desired pods (`"25%"`); not 0 together with maxSurge. */
  maxUnavailable?: IntOrString;
  maxSurge?: IntOrString;
}

export interface DeploymentStrategy {
  type?: "RollingUpdate" | "Recreate";
  /** Only with type RollingUpdate. */
  rollingUpdate?: RollingUpdateDeployment;
}

export interface DeploymentSpec {
  replicas?: number;
  selector: LabelSelectorSpec;
  template: PodTemplateSpec;
  strategy?: DeploymentStrategy;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export type DeploymentConditionType = "Available" | "Progressing" | "ReplicaFailure";

export interface DeploymentCondition extends ReplicaCondition {
  type: DeploymentConditionType | string;
  lastUpdateTime?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export interface Deployment extends KubeObject {
  apiVersion: "apps/v1";
  kind: "Deployment";
  spec: DeploymentSpec;
  status?: DeploymentStatus;
}
