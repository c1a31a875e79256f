/** v1 Node: a machine that runs pods, its taints and the capacity it reports. */
import type { KubeObject } from "../object.js";
import type { ConditionStatus, ResourceList } from "./common.js";
import type { TaintEffect } from "./pod.js";

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
  timeAdded?: string;
}

export interface NodeSpec {
  unschedulable?: boolean;
  taints?: Taint[];
  podCIDR?: string;
  providerID?: string;
}

export type NodeConditionType = "Ready" | "MemoryPressure" | "DiskPressure" | "PIDPressure" | "NetworkUnavailable";

export interface NodeCondition {
  type: NodeConditionType | string;
  status: ConditionStatus;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface NodeAddress {
  type: "InternalIP" | "ExternalIP" | "Hostname" | string;
  address: string;
}

export interface NodeSystemInfo {
  machineID?: string;
  kernelVersion?: string;
  osImage?: string;
  containerRuntimeVersion?: string;
  kubeletVersion?: string;
  operatingSystem?: string;
  architecture?: string;
}

/** Where the node's kubelet serves (Kubernetes spells the field `Port`). */
export interface NodeDaemonEndpoints {
  kubeletEndpoint?: { Port: number };
}

export interface NodeStatus {
  capacity?: ResourceList;
  allocatable?: ResourceList;
  conditions?: NodeCondition[];
  addresses?: NodeAddress[];
  nodeInfo?: NodeSystemInfo;
  daemonEndpoints?: NodeDaemonEndpoints;
}

export interface Node extends KubeObject {
  apiVersion: "v1";
  kind: "Node";
  spec?: NodeSpec;
  status?: NodeStatus;
}
