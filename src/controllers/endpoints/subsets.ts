/** The pure core of the Endpoints controller: which pods back a Service, on which ports. */
import type { Protocol } from "../../api/types/common.js";
import type { Pod } from "../../api/types/pod.js";
import type { EndpointAddress, EndpointPort, EndpointSubset, ServicePort } from "../../api/types/service.js";
import { isPodReady } from "../replication/pod-state.js";

/**
 * A pod is an endpoint while it has an IP, is not being deleted and has not finished, as
 * Kubernetes' `ShouldPodBeInEndpoints` (without publishNotReadyAddresses).
 */
export function isEndpointCandidate(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.status?.podIP && !pod.metadata.deletionTimestamp && phase !== "Succeeded" && phase !== "Failed";
}

/**
 * The container port a Service port reaches on one pod: a numeric targetPort as is, a named one
 * looked up among the pod's container ports with the same protocol; undefined when the pod has no
 * such named port (the pod is then no endpoint for that Service port).
 */
export function resolveTargetPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  const protocol = port.protocol ?? "TCP";
  for (const container of pod.spec?.containers ?? []) {
    for (const cp of container.ports ?? []) {
      if (cp.name === target && (cp.protocol ?? "TCP") === protocol) return cp.containerPort;
    }
  }
  return undefined;
}

/**
 * The subsets of a Service's Endpoints for the given pods (already selected by the Service's
 * selector): ready pods under addresses, the others under notReadyAddresses, pods grouped by the
 * exact set of ports they resolve to, so pods with different numbers for a named port land in
 * different subsets (Kubernetes' RepackSubsets). Deterministic: subsets, addresses and ports are
 * sorted, so an unchanged world gives an identical result.
 */
export function computeSubsets(pods: readonly Pod[], ports: readonly ServicePort[]): EndpointSubset[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  for (const pod of pods) {
    if (!isEndpointCandidate(pod)) continue;
    const resolved: EndpointPort[] = [];
    for (const port of ports) {
      const number = resolveTargetPort(pod, port);
      if (number === undefined) continue;
      const entry: EndpointPort = { port: number, protocol: (port.protocol ?? "TCP") as Protocol };
      if (port.name) entry.name = port.name;
      resolved.push(entry);
    }
    if (resolved.length === 0) continue;
    resolved.sort(comparePorts);
    const key = JSON.stringify(resolved);
    let group = groups.get(key);
    if (!group) {
      group = { ports: resolved, ready: [], notReady: [] };
      groups.set(key, group);
    }
    (isPodReady(pod) ? group.ready : group.notReady).push(addressOf(pod));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => {
      const subset: EndpointSubset = {};
      if (group.ready.length > 0) subset.addresses = group.ready.sort(compareAddresses);
      if (group.notReady.length > 0) subset.notReadyAddresses = group.notReady.sort(compareAddresses);
      subset.ports = group.ports;
      return subset;
    });
}

function addressOf(pod: Pod): EndpointAddress {
  const { namespace = "", name = "", uid = "" } = pod.metadata;
  const address: EndpointAddress = {
    ip: pod.status?.podIP ?? "",
    targetRef: { kind: "Pod", namespace, name, uid },
  };
  if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
  return address;
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return (a.name ?? "").localeCompare(b.name ?? "") || a.port - b.port;
}

function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  return (
    a.ip.localeCompare(b.ip, "en", { numeric: true }) ||
    (a.targetRef?.name ?? "").localeCompare(b.targetRef?.name ?? "")
  );
}
