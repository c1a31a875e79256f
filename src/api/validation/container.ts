/** Container rules: name, image, ports, env, resources, volume mounts and probes. */
import type { FieldError } from "../errors.js";
import { compareQuantities, parseQuantity, type Quantity } from "../quantity.js";
import type { IntOrString, ResourceList } from "../types/common.js";
import type { Container, EnvVar, Probe } from "../types/container.js";
import {
  duplicate,
  forbidden,
  invalid,
  invalidEach,
  NON_NEGATIVE,
  nonNegative,
  notFound,
  oneOf,
  required,
} from "./field-errors.js";
import { isConfigKey, isDns1123Label, isEnvVarName, isPortName, isPortNumber, isQualifiedName } from "./names.js";
import { child, index, key } from "./path.js";

export const PROTOCOLS = ["SCTP", "TCP", "UDP"] as const;

const FIELD_REF_PATHS = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.podIP",
  "status.podIPs",
];

/** A port given as a number (1–65535) or a name (IANA_SVC_NAME). */
export function validatePortNumOrName(port: IntOrString | undefined, path: string): FieldError[] {
  if (port === undefined || port === "") return [required(path)];
  if (typeof port === "number") return invalidEach(path, port, isPortNumber(port));
  return invalidEach(path, port, isPortName(port));
}

/** Validates one container; `volumeNames` are the pod's volumes, for volumeMounts. */
export function validateContainer(c: Container, path: string, volumeNames: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!c.name) errors.push(required(child(path, "name")));
  else errors.push(...invalidEach(child(path, "name"), c.name, isDns1123Label(c.name)));
  if (!c.image) errors.push(required(child(path, "image")));
  errors.push(...oneOf(child(path, "imagePullPolicy"), c.imagePullPolicy, ["Always", "IfNotPresent", "Never"]));
  errors.push(...validatePorts(c, child(path, "ports")));
  for (const [i, env] of (c.env ?? []).entries()) errors.push(...validateEnv(env, index(child(path, "env"), i)));
  errors.push(...validateResources(c, child(path, "resources")));
  errors.push(...validateMounts(c, child(path, "volumeMounts"), volumeNames));
  for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"] as const) {
    const p = c[probe];
    if (p) errors.push(...validateProbe(p, child(path, probe), probe !== "readinessProbe"));
  }
  return errors;
}

function validatePorts(c: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  for (const [i, port] of (c.ports ?? []).entries()) {
    const p = index(path, i);
    if (port.name) {
      errors.push(...invalidEach(child(p, "name"), port.name, isPortName(port.name)));
      if (names.has(port.name)) errors.push(duplicate(child(p, "name"), port.name));
      names.add(port.name);
    }
    if (!port.containerPort) errors.push(required(child(p, "containerPort")));
    else errors.push(...invalidEach(child(p, "containerPort"), port.containerPort, isPortNumber(port.containerPort)));
    if (port.hostPort) errors.push(...invalidEach(child(p, "hostPort"), port.hostPort, isPortNumber(port.hostPort)));
    errors.push(...oneOf(child(p, "protocol"), port.protocol, PROTOCOLS));
  }
  return errors;
}

function validateEnv(env: EnvVar, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!env.name) errors.push(required(child(path, "name")));
  else errors.push(...invalidEach(child(path, "name"), env.name, isEnvVarName(env.name)));
  const from = env.valueFrom;
  if (!from) return errors;
  const fromPath = child(path, "valueFrom");
  if (env.value) errors.push(invalid(fromPath, "", "may not be specified when `value` is not empty"));
  const sources = [from.fieldRef, from.configMapKeyRef, from.secretKeyRef].filter((s) => s !== undefined);
  if (sources.length === 0) {
    errors.push(invalid(fromPath, "", "must specify one of: `fieldRef`, `configMapKeyRef` or `secretKeyRef`"));
  } else if (sources.length > 1) {
    errors.push(invalid(fromPath, "", "may not have more than one field specified at a time"));
  }
  for (const ref of ["configMapKeyRef", "secretKeyRef"] as const) {
    const selector = from[ref];
    if (!selector) continue;
    const refPath = child(fromPath, ref);
    if (!selector.name) errors.push(required(child(refPath, "name")));
    if (!selector.key) errors.push(required(child(refPath, "key")));
    else errors.push(...invalidEach(child(refPath, "key"), selector.key, isConfigKey(selector.key)));
  }
  if (from.fieldRef) {
    const fieldPath = from.fieldRef.fieldPath;
    const p = child(child(fromPath, "fieldRef"), "fieldPath");
    if (!fieldPath) errors.push(required(p));
    else if (
      !FIELD_REF_PATHS.includes(fieldPath) &&
      !/^metadata\.(labels|annotations)(\['[^']+'\])?$/.test(fieldPath)
    ) {
      errors.push(...oneOf(p, fieldPath, [...FIELD_REF_PATHS, "metadata.labels", "metadata.annotations"]));
    }
  }
  return errors;
}

const CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);
/** Kubernetes' standard resource names (quota names included), for its "fully qualified" rule. */
const STANDARD_RESOURCES = new Set([
  ...CONTAINER_RESOURCES,
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
  "pods",
  "services",
  "replicationcontrollers",
  "resourcequotas",
  "secrets",
  "configmaps",
  "persistentvolumeclaims",
  "storage",
  "requests.storage",
  "services.nodeports",
  "services.loadbalancers",
]);

/** cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource (`example.com/gpu`). */
function validateResourceName(name: string, path: string): FieldError[] {
  const errors = invalidEach(path, name, isQualifiedName(name));
  if (name.includes("/") || name.startsWith("hugepages-")) return errors;
  if (!STANDARD_RESOURCES.has(name))
    errors.push(invalid(path, name, "must be a standard resource type or fully qualified"));
  if (!CONTAINER_RESOURCES.has(name)) errors.push(invalid(path, name, "must be a standard resource for containers"));
  return errors;
}

function parseList(list: ResourceList | undefined, path: string, errors: FieldError[]): Map<string, Quantity> {
  const parsed = new Map<string, Quantity>();
  for (const [name, text] of Object.entries(list ?? {})) {
    const p = key(path, name);
    const nameErrors = validateResourceName(name, p);
    errors.push(...nameErrors);
    if (nameErrors.length > 0) continue;
    try {
      const q = parseQuantity(text);
      if (q.nanos < 0n) errors.push(invalid(p, text, NON_NEGATIVE));
      else parsed.set(name, q);
    } catch (error) {
      errors.push(invalid(p, text, error instanceof Error ? error.message : String(error)));
    }
  }
  return parsed;
}

function validateResources(c: Container, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const limits = parseList(c.resources?.limits, child(path, "limits"), errors);
  const requests = parseList(c.resources?.requests, child(path, "requests"), errors);
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (limit && compareQuantities(request, limit) > 0) {
      const p = key(child(path, "requests"), name);
      errors.push(invalid(p, request.text, `must be less than or equal to ${name} limit of ${limit.text}`));
    }
  }
  return errors;
}

function validateMounts(c: Container, path: string, volumeNames: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const mountPaths = new Set<string>();
  for (const [i, m] of (c.volumeMounts ?? []).entries()) {
    const p = index(path, i);
    if (!m.name) errors.push(required(child(p, "name")));
    else if (!volumeNames.has(m.name)) errors.push(notFound(child(p, "name"), m.name));
    if (!m.mountPath) errors.push(required(child(p, "mountPath")));
    else if (mountPaths.has(m.mountPath)) errors.push(invalid(child(p, "mountPath"), m.mountPath, "must be unique"));
    if (m.mountPath) mountPaths.add(m.mountPath);
    if (m.subPath) errors.push(...validateLocalPath(m.subPath, child(p, "subPath")));
  }
  return errors;
}

/** A relative path that cannot climb out of its volume (subPath, items[*].path). */
export function validateLocalPath(path: string, field: string): FieldError[] {
  if (path.startsWith("/")) return [invalid(field, path, "must be a relative path")];
  if (path.split("/").includes("..")) return [invalid(field, path, "must not contain '..'")];
  return [];
}

function validateProbe(probe: Probe, path: string, mustSucceedOnce: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const handlers = (["exec", "httpGet", "tcpSocket"] as const).filter((h) => probe[h] !== undefined);
  if (handlers.length === 0) errors.push(required(path, "must specify a handler type"));
  for (const extra of handlers.slice(1)) {
    errors.push(forbidden(child(path, extra), "may not specify more than 1 handler type"));
  }
  if (probe.exec && !probe.exec.command?.length) errors.push(required(child(child(path, "exec"), "command")));
  if (probe.httpGet) {
    const p = child(path, "httpGet");
    errors.push(...validatePortNumOrName(probe.httpGet.port, child(p, "port")));
    errors.push(...oneOf(child(p, "scheme"), probe.httpGet.scheme, ["HTTP", "HTTPS"]));
  }
  if (probe.tcpSocket)
    errors.push(...validatePortNumOrName(probe.tcpSocket.port, child(child(path, "tcpSocket"), "port")));
  for (const n of [
    "initialDelaySeconds",
    "timeoutSeconds",
    "periodSeconds",
    "successThreshold",
    "failureThreshold",
  ] as const) {
    errors.push(...nonNegative(child(path, n), probe[n]));
  }
  if (mustSucceedOnce && probe.successThreshold !== undefined && probe.successThreshold !== 1) {
    errors.push(invalid(child(path, "successThreshold"), probe.successThreshold, "must be 1"));
  }
  return errors;
}
