/**
 * Pure mapping from Services and Endpoints to what the proxy serves: one entry per TCP service
 * port, with its cluster IP, node port and the ready backend addresses.
 */
import type { Endpoints, Service } from "../api/types/service.js";

/** A backend of one service port: a ready pod address and the port it serves on. */
export interface Backend {
  host: string;
  port: number;
}

/** What the proxy serves for one port of one Service. */
export interface ProxiedPort {
  /** `namespace/name:portName` (portName may be empty for a single unnamed port). */
  id: string;
  service: string;
  portName: string;
  port: number;
  /** Absent for headless services and services with no cluster IP yet. */
  clusterIP?: string;
  /** Present for NodePort and LoadBalancer services once allocated. */
  nodePort?: number;
  /** Client-IP affinity timeout (ms) for `sessionAffinity: ClientIP`; 0 for none. */
  affinityMs: number;
}

/** Kubernetes' default ClientIP affinity timeout: three hours. */
export const DEFAULT_AFFINITY_MS = 10_800_000;

/** A cluster IP the proxy answers for: "" (not allocated yet) and "None" (headless) are not. */
export function hasClusterIP(service: Service): boolean {
  const ip = service.spec?.clusterIP;
  return ip !== undefined && ip !== "" && ip !== "None";
}

/**
 * The TCP ports of a Service the proxy serves. UDP and SCTP ports are left out (the proxy is
 * TCP-only). A headless Service gets no ports unless it also has node ports.
 */
export function proxiedPorts(service: Service): ProxiedPort[] {
  const key = `${service.metadata.namespace ?? "default"}/${service.metadata.name}`;
  const type = service.spec?.type ?? "ClusterIP";
  const withNodePorts = type === "NodePort" || type === "LoadBalancer";
  const clusterIP = hasClusterIP(service) ? service.spec?.clusterIP : undefined;
  const affinity = service.spec?.sessionAffinity === "ClientIP";
  const timeout = (service.spec as { sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } } } | undefined)
    ?.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  const affinityMs = affinity ? (timeout ? timeout * 1000 : DEFAULT_AFFINITY_MS) : 0;
  const out: ProxiedPort[] = [];
  for (const p of service.spec?.ports ?? []) {
    if ((p.protocol ?? "TCP") !== "TCP") continue;
    const portName = p.name ?? "";
    const entry: ProxiedPort = { id: `${key}:${portName}`, service: key, portName, port: p.port, affinityMs };
    if (clusterIP) entry.clusterIP = clusterIP;
    if (withNodePorts && p.nodePort) entry.nodePort = p.nodePort;
    if (entry.clusterIP || entry.nodePort) out.push(entry);
  }
  return out;
}

/**
 * The ready backends of one service port, in a stable order (subset, then address order). An
 * Endpoints port matches by name, as Kubernetes pairs them; notReadyAddresses never get traffic.
 */
export function readyBackends(endpoints: Endpoints | undefined, portName: string): Backend[] {
  const out: Backend[] = [];
  const seen = new Set<string>();
  for (const subset of endpoints?.subsets ?? []) {
    const port = (subset.ports ?? []).find((p) => (p.name ?? "") === portName && (p.protocol ?? "TCP") === "TCP");
    if (!port) continue;
    for (const address of subset.addresses ?? []) {
      const id = `${address.ip}:${port.port}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ host: address.ip, port: port.port });
    }
  }
  return out;
}

export function backendId(backend: Backend): string {
  return backend.host.includes(":") ? `[${backend.host}]:${backend.port}` : `${backend.host}:${backend.port}`;
}
