import type { Pod, Toleration } from "../../api/types/pod.js";
import { podRequests, type Resources } from "./resources.js";

/** A host port a pod claims: `0.0.0.0` stands for every address. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/**
 * What plugins need to know about a pod, computed once per pod (not once per node): Kubernetes'
 * PreFilter state. Read-only for plugins.
 */
export interface PodFacts {
  readonly pod: Pod;
  readonly uid: string;
  /** `namespace/name`. */
  readonly key: string;
  readonly requests: Resources;
  readonly nonZeroRequests: Resources;
  readonly hostPorts: readonly HostPort[];
  /** The uid of the controlling owner (a ReplicaSet, an RC), for spreading. */
  readonly controllerUid: string | undefined;
  readonly tolerations: readonly Toleration[];
}

export const WILDCARD_IP = "0.0.0.0";

export function podFacts(pod: Pod): PodFacts {
  const { requests, nonZero } = podRequests(pod.spec);
  const hostPorts: HostPort[] = [];
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      hostPorts.push({ ip: p.hostIP || WILDCARD_IP, protocol: p.protocol ?? "TCP", port: p.hostPort });
    }
  }
  const { namespace = "", name = "", uid = "", ownerReferences } = pod.metadata;
  return {
    pod,
    uid: uid || `${namespace}/${name}`,
    key: `${namespace}/${name}`,
    requests,
    nonZeroRequests: nonZero,
    hostPorts,
    controllerUid: ownerReferences?.find((ref) => ref.controller === true)?.uid,
    tolerations: pod.spec.tolerations ?? [],
  };
}
