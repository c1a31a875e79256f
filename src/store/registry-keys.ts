import { SlipwayError } from "../api/errors.js";
import { type KindInfo, kindInfo } from "../api/kinds.js";

/**
 * Where objects live in the key space, as Kubernetes lays out etcd:
 * `/registry/<resource>/<namespace>/<name>`, or `/registry/<resource>/<name>` when cluster-scoped.
 */
export const KEY_ROOT = "/registry/";

/** The served kind, or NotFound worded like the API server's answer for an unknown resource. */
export function servedKind(kind: string): KindInfo {
  const info = kindInfo(kind);
  if (!info) {
    throw new SlipwayError("NotFound", `the server doesn't have a resource type "${kind}"`, {
      hint: "see `slipway api-resources` for the served kinds",
    });
  }
  return info;
}

export function objectKey(info: KindInfo, namespace: string, name: string): string {
  return info.namespaced ? `${KEY_ROOT}${info.resource}/${namespace}/${name}` : `${KEY_ROOT}${info.resource}/${name}`;
}

/** The prefix holding every object of a kind, or of a kind in one namespace ("" = all). */
export function kindPrefix(info: KindInfo, namespace = ""): string {
  return info.namespaced && namespace ? `${KEY_ROOT}${info.resource}/${namespace}/` : `${KEY_ROOT}${info.resource}/`;
}

/** `pods "web"`: how Kubernetes names one object in its messages. */
export function describeObject(info: KindInfo, name: string): string {
  const resource = info.group ? `${info.resource}.${info.group}` : info.resource;
  return `${resource} "${name}"`;
}

export function notFound(info: KindInfo, name: string): SlipwayError {
  return new SlipwayError("NotFound", `${describeObject(info, name)} not found`, {
    details: { kind: info.resource, name, group: info.group },
  });
}

export function alreadyExists(info: KindInfo, name: string): SlipwayError {
  return new SlipwayError("AlreadyExists", `${describeObject(info, name)} already exists`, {
    details: { kind: info.resource, name, group: info.group },
  });
}

/** Kubernetes' optimistic-concurrency failure for a stale resourceVersion. */
export function conflict(info: KindInfo, name: string, reason?: string): SlipwayError {
  const why = reason ?? "the object has been modified; please apply your changes to the latest version and try again";
  return new SlipwayError("Conflict", `Operation cannot be fulfilled on ${describeObject(info, name)}: ${why}`, {
    hint: "read the object again and retry with its current resourceVersion",
    details: { kind: info.resource, name, group: info.group },
  });
}

/** Parses a resourceVersion a caller sent; it is an opaque string to them but a revision to us. */
export function parseResourceVersion(value: string): number {
  if (!/^\d+$/.test(value)) {
    throw new SlipwayError("BadRequest", `invalid resource version "${value}": must be a non-negative integer`);
  }
  return Number(value);
}
