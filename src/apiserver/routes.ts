/**
 * Maps a request path onto what it addresses, as Kubernetes lays out its REST API:
 * `/api/v1/<res>`, `/api/v1/namespaces/<ns>/<res>[/<name>[/status]]`, `/apis/<group>/<version>/...`,
 * cluster-scoped `/api/v1/<res>/<name>`, plus discovery and health documents. Pure.
 */
import { type KindInfo, kindForResource } from "../api/kinds.js";

/** `log` and `exec` are the pods' subresources proxied to their kubelet (pod-proxy.ts). */
export type Subresource = "status" | "scale" | "log" | "exec";

/** Kinds with a scale subresource (kubectl scale). */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set(["Deployment", "ReplicaSet", "ReplicationController"]);

export type Route =
  | { type: "resource"; info: KindInfo; namespace: string; name?: string; subresource?: Subresource }
  | { type: "discovery"; document: "api" | "apis" | "version" | "openapiV2" | "openapiV3" | "healthz" }
  | { type: "openapiV3"; groupVersion: string }
  | { type: "groupVersion"; group: string; version: string }
  | { type: "group"; group: string }
  | { type: "notFound" };

const NOT_FOUND: Route = { type: "notFound" };

export function matchRoute(pathname: string): Route {
  const parts = pathname.split("/").filter((p) => p !== "");
  let segments: string[];
  try {
    segments = parts.map((p) => decodeURIComponent(p));
  } catch {
    return NOT_FOUND;
  }
  const [root, ...rest] = segments;
  switch (root) {
    case "healthz":
    case "readyz":
    case "livez":
      return rest.length === 0 ? { type: "discovery", document: "healthz" } : NOT_FOUND;
    case "version":
      return rest.length === 0 ? { type: "discovery", document: "version" } : NOT_FOUND;
    case "openapi":
      if (rest.length === 1 && rest[0] === "v2") return { type: "discovery", document: "openapiV2" };
      if (rest[0] !== "v3") return NOT_FOUND;
      return rest.length === 1
        ? { type: "discovery", document: "openapiV3" }
        : { type: "openapiV3", groupVersion: rest.slice(1).join("/") };
    case "api": {
      if (rest.length === 0) return { type: "discovery", document: "api" };
      const [version = "", ...tail] = rest;
      return matchInGroupVersion("", version, tail);
    }
    case "apis": {
      if (rest.length === 0) return { type: "discovery", document: "apis" };
      const [group = "", version, ...tail] = rest;
      if (version === undefined) return { type: "group", group };
      return matchInGroupVersion(group, version, tail);
    }
    default:
      return NOT_FOUND;
  }
}

function matchInGroupVersion(group: string, version: string, tail: string[]): Route {
  if (tail.length === 0) return { type: "groupVersion", group, version };
  let namespace = "";
  let rest = tail;
  // `namespaces/<ns>/<res>...` addresses a namespaced collection; `namespaces[/<name>[/status]]`
  // is the Namespace kind itself.
  if (tail[0] === "namespaces" && tail.length >= 3 && !(tail.length === 3 && tail[2] === "status")) {
    namespace = tail[1] ?? "";
    rest = tail.slice(2);
  }
  const [resource = "", name, subresource, ...extra] = rest;
  const info = kindForResource(group, version, resource);
  if (!info || extra.length > 0) return NOT_FOUND;
  if (namespace && !info.namespaced) return NOT_FOUND;
  const route: Route = { type: "resource", info, namespace };
  if (name !== undefined) route.name = name;
  if (subresource === "status" && info.hasStatus) route.subresource = "status";
  else if (subresource === "scale" && SCALABLE_KINDS.has(info.kind)) route.subresource = "scale";
  else if ((subresource === "log" || subresource === "exec") && info.kind === "Pod") route.subresource = subresource;
  else if (subresource !== undefined) return NOT_FOUND;
  return route;
}
