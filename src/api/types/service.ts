/** v1 Service (a stable virtual address for a set of pods) and the Endpoints behind it. */
import type { KubeObject } from "../object.js";
import type { IntOrString, ObjectReference, Protocol } from "./common.js";

export type ServiceType = "ClusterIP" | "NodePort" | "LoadBalancer";

export interface ServicePort {
  /** Required (a DNS-1123 label) when the service has more than one port. */
  name?: string;
  protocol?: Protocol;
  port: number;
  /** A number or the name of a container port; defaults to `port`. */
  targetPort?: IntOrString;
  /** 30000–32767; only for NodePort and LoadBalancer services. */
  nodePort?: number;
}

export interface ServiceSpec {
  type?: ServiceType;
  /** "" to allocate, "None" for a headless service, or an IP; immutable once set. */
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
  selector?: Record<string, string>;
  sessionAffinity?: "None" | "ClientIP";
  externalTrafficPolicy?: "Cluster" | "Local";
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

export interface ServiceStatus {
  loadBalancer?: { ingress?: LoadBalancerIngress[] };
}

export interface Service extends KubeObject {
  apiVersion: "v1";
  kind: "Service";
  spec?: ServiceSpec;
  status?: ServiceStatus;
}

export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol?: Protocol;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface Endpoints extends KubeObject {
  apiVersion: "v1";
  kind: "Endpoints";
  subsets?: EndpointSubset[];
}
