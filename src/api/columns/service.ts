import type { KubeObject } from "../object.js";
import { arr, joinLabels, record, str } from "./fields.js";
import type { Column } from "./index.js";

/** `80/TCP`, `80:30001/TCP`, joined by commas, as kubectl prints PORT(S). */
export function servicePorts(svc: KubeObject): string {
  const ports = arr(svc, "spec.ports").map((p) => {
    const node = p.nodePort ? `:${String(p.nodePort)}` : "";
    return `${String(p.port)}${node}/${String(p.protocol ?? "TCP")}`;
  });
  return ports.length ? ports.join(",") : "<none>";
}

function externalIp(svc: KubeObject): string {
  const external = arr(svc, "spec.externalIPs") as unknown as string[];
  if (str(svc, "spec.type") === "LoadBalancer") {
    const ingress = arr(svc, "status.loadBalancer.ingress").map((i) => String(i.ip ?? i.hostname ?? ""));
    const all = [...ingress, ...external].filter(Boolean);
    return all.length ? all.join(",") : "<pending>";
  }
  return external.length ? external.join(",") : "<none>";
}

export function serviceColumns(ageColumn: Column): Column[] {
  return [
    { header: "TYPE", value: (s) => str(s, "spec.type", "ClusterIP") },
    { header: "CLUSTER-IP", value: (s) => str(s, "spec.clusterIP", "<none>") },
    { header: "EXTERNAL-IP", value: externalIp },
    { header: "PORT(S)", value: servicePorts },
    ageColumn,
    { header: "SELECTOR", wide: true, value: (s) => joinLabels(record(s, "spec.selector")) },
  ];
}

/** Up to three `ip:port` pairs, then `+ N more...`, as kubectl formats endpoints. */
export function endpointsSummary(ep: KubeObject): string {
  const pairs: string[] = [];
  for (const subset of arr(ep, "subsets")) {
    const addresses = arr(subset, "addresses");
    const ports = arr(subset, "ports");
    for (const address of addresses) {
      if (ports.length === 0) pairs.push(String(address.ip));
      for (const port of ports) pairs.push(`${String(address.ip)}:${String(port.port)}`);
    }
  }
  if (pairs.length === 0) return "<none>";
  const shown = pairs.slice(0, 3).join(",");
  return pairs.length > 3 ? `${shown} + ${pairs.length - 3} more...` : shown;
}

export function endpointsColumns(ageColumn: Column): Column[] {
  return [{ header: "ENDPOINTS", value: endpointsSummary }, ageColumn];
}
