/**
 * Kubernetes' service links: for every Service with a cluster IP in the pod's namespace when the
 * container starts, `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT` (the first port),
 * `<NAME>_SERVICE_PORT_<PORTNAME>` for named ports, and the Docker-link style `<NAME>_PORT*`
 * variables. The name is upper-cased with `-` turned into `_`. Pure.
 */
import type { Service } from "../api/types/service.js";

function envName(name: string): string {
  return name.toUpperCase().replace(/-/g, "_");
}

/** The variables of the given services, sorted by service name; headless services give none. */
export function serviceEnv(services: Service[]): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const sorted = [...services].sort((a, b) => (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""));
  for (const service of sorted) {
    const ip = service.spec?.clusterIP;
    const ports = service.spec?.ports ?? [];
    const first = ports[0];
    if (!ip || ip === "None" || !first) continue;
    const prefix = envName(service.metadata.name ?? "");
    out.push(
      { name: `${prefix}_SERVICE_HOST`, value: ip },
      { name: `${prefix}_SERVICE_PORT`, value: String(first.port) },
    );
    for (const port of ports) {
      if (port.name) out.push({ name: `${prefix}_SERVICE_PORT_${envName(port.name)}`, value: String(port.port) });
    }
    const protocol = (first.protocol ?? "TCP").toLowerCase();
    out.push({ name: `${prefix}_PORT`, value: `${protocol}://${ip}:${first.port}` });
    for (const port of ports) {
      const proto = (port.protocol ?? "TCP").toLowerCase();
      const base = `${prefix}_PORT_${port.port}_${proto.toUpperCase()}`;
      out.push(
        { name: base, value: `${proto}://${ip}:${port.port}` },
        { name: `${base}_PROTO`, value: proto },
        { name: `${base}_PORT`, value: String(port.port) },
        { name: `${base}_ADDR`, value: ip },
      );
    }
  }
  return out;
}
