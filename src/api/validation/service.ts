/** Service and Endpoints rules: ports, node ports, cluster IP, selectors, addresses. */
import type { FieldError } from "../errors.js";
import type { EndpointSubset, Endpoints, Service, ServicePort } from "../types/service.js";
import { PROTOCOLS } from "./container.js";
import { duplicate, forbidden, invalid, invalidEach, oneOf, required } from "./field-errors.js";
import { validateLabels } from "./metadata.js";
import { isDns1123Label, isIpAddress, isPortName, isPortNumber } from "./names.js";
import { child, index } from "./path.js";

export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
const SERVICE_TYPES = ["ClusterIP", "LoadBalancer", "NodePort"] as const;

export function validateService(svc: Service): FieldError[] {
  const spec = svc.spec ?? {};
  const type = spec.type ?? "ClusterIP";
  const errors = oneOf("spec.type", spec.type, SERVICE_TYPES);
  const ip = spec.clusterIP;
  if (ip && ip !== "None" && isIpAddress(ip).length > 0) {
    errors.push(invalid("spec.clusterIP", ip, "must be empty, 'None', or a valid IP address"));
  }
  if (ip === "None" && type !== "ClusterIP") {
    errors.push(invalid("spec.clusterIP", ip, `may not be set to 'None' for ${type} services`));
  }
  const ports = spec.ports ?? [];
  if (ports.length === 0) errors.push(required("spec.ports"));
  const names = new Set<string>();
  const portKeys = new Set<string>();
  const nodePorts = new Set<string>();
  for (const [i, port] of ports.entries()) {
    const p = index("spec.ports", i);
    errors.push(...validateServicePort(port, p, ports.length > 1));
    if (port.name && names.has(port.name)) errors.push(duplicate(child(p, "name"), port.name));
    if (port.name) names.add(port.name);
    const protocol = port.protocol ?? "TCP";
    const portKey = `${port.port}/${protocol}`;
    if (port.port && portKeys.has(portKey)) errors.push(duplicate(p, { port: port.port, protocol }));
    portKeys.add(portKey);
    if (!port.nodePort) continue;
    const nodePortPath = child(p, "nodePort");
    if (type === "ClusterIP") {
      errors.push(forbidden(nodePortPath, "may not be used when `type` is 'ClusterIP'"));
      continue;
    }
    if (port.nodePort < NODE_PORT_RANGE.min || port.nodePort > NODE_PORT_RANGE.max) {
      const range = `${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`;
      errors.push(
        invalid(
          nodePortPath,
          port.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${range}`,
        ),
      );
    }
    const nodePortKey = `${port.nodePort}/${protocol}`;
    if (nodePorts.has(nodePortKey)) errors.push(duplicate(nodePortPath, port.nodePort));
    nodePorts.add(nodePortKey);
  }
  errors.push(...validateLabels(spec.selector, "spec.selector"));
  errors.push(...oneOf("spec.sessionAffinity", spec.sessionAffinity, ["ClientIP", "None"]));
  errors.push(...oneOf("spec.externalTrafficPolicy", spec.externalTrafficPolicy, ["Cluster", "Local"]));
  if (spec.externalTrafficPolicy && type === "ClusterIP") {
    errors.push(
      invalid(
        "spec.externalTrafficPolicy",
        spec.externalTrafficPolicy,
        "may only be set for NodePort or LoadBalancer services",
      ),
    );
  }
  return errors;
}

function validateServicePort(port: ServicePort, path: string, nameRequired: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (port.name) errors.push(...invalidEach(child(path, "name"), port.name, isDns1123Label(port.name)));
  else if (nameRequired) errors.push(required(child(path, "name")));
  if (!port.port) errors.push(required(child(path, "port")));
  else errors.push(...invalidEach(child(path, "port"), port.port, isPortNumber(port.port)));
  errors.push(...oneOf(child(path, "protocol"), port.protocol, PROTOCOLS));
  const target = port.targetPort;
  if (typeof target === "number" && target !== 0) {
    errors.push(...invalidEach(child(path, "targetPort"), target, isPortNumber(target)));
  } else if (typeof target === "string" && target !== "") {
    errors.push(...invalidEach(child(path, "targetPort"), target, isPortName(target)));
  }
  return errors;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  return (ep.subsets ?? []).flatMap((subset, i) => validateSubset(subset, index("subsets", i)));
}

function validateSubset(subset: EndpointSubset, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ["addresses", "notReadyAddresses"] as const) {
    for (const [i, address] of (subset[field] ?? []).entries()) {
      const p = child(index(child(path, field), i), "ip");
      if (!address.ip) errors.push(required(p));
      else errors.push(...invalidEach(p, address.ip, isIpAddress(address.ip)));
    }
  }
  const ports = subset.ports ?? [];
  for (const [i, port] of ports.entries()) {
    const p = index(child(path, "ports"), i);
    if (port.name) errors.push(...invalidEach(child(p, "name"), port.name, isDns1123Label(port.name)));
    else if (ports.length > 1) errors.push(required(child(p, "name")));
    errors.push(...invalidEach(child(p, "port"), port.port, isPortNumber(port.port ?? 0)));
    errors.push(...oneOf(child(p, "protocol"), port.protocol, PROTOCOLS));
  }
  return errors;
}
