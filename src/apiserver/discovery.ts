/**
 * Discovery documents shaped like Kubernetes' own (`/api`, `/apis`, `/apis/<group>`,
 * `/api/v1`, `/apis/apps/v1`, `/version`), built from the kinds table, so kubectl and client
 * libraries can find every served resource, its scope, short names and verbs. Pure.
 */
import { KINDS } from "../api/kinds.js";
import { SCALABLE_KINDS } from "./routes.js";

const RESOURCE_VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"];
const STATUS_VERBS = ["get", "patch", "update"];
/** Kinds `kubectl get all` shows, as Kubernetes puts them in the "all" category. */
const CATEGORY_ALL = new Set(["Pod", "ReplicationController", "Service", "Deployment", "ReplicaSet"]);

/** The `/api` document (APIVersions). */
export function apiVersions(serverAddress: string): unknown {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupNames(): string[] {
  return [...new Set(KINDS.filter((k) => k.group !== "").map((k) => k.group))].sort();
}

function apiGroup(name: string): unknown {
  const versions = [...new Set(KINDS.filter((k) => k.group === name).map((k) => k.version))].map((version) => ({
    groupVersion: `${name}/${version}`,
    version,
  }));
  return { kind: "APIGroup", apiVersion: "v1", name, versions, preferredVersion: versions[0] };
}

/** The `/apis` document (APIGroupList): every named group. */
export function apiGroupList(): unknown {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: groupNames().map((g) => {
      const { kind: _kind, apiVersion: _apiVersion, ...group } = apiGroup(g) as Record<string, unknown>;
      return group;
    }),
  };
}

/** The `/apis/<group>` document, or undefined when the group is not served. */
export function apiGroupDocument(group: string): unknown {
  return groupNames().includes(group) ? apiGroup(group) : undefined;
}

/**
 * The APIResourceList of one group version (`/api/v1`, `/apis/apps/v1`), with a `<res>/status`
 * entry per kind that has a status subresource; undefined when nothing is served there.
 */
export function apiResourceList(group: string, version: string): unknown {
  const kinds = KINDS.filter((k) => k.group === group && k.version === version);
  if (kinds.length === 0) return undefined;
  const resources: unknown[] = [];
  for (const k of kinds) {
    resources.push({
      name: k.resource,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: RESOURCE_VERBS,
      ...(k.shortNames.length > 0 ? { shortNames: [...k.shortNames] } : {}),
      ...(CATEGORY_ALL.has(k.kind) ? { categories: ["all"] } : {}),
    });
    if (k.hasStatus) {
      resources.push({
        name: `${k.resource}/status`,
        singularName: "",
        namespaced: k.namespaced,
        kind: k.kind,
        verbs: STATUS_VERBS,
      });
    }
    if (SCALABLE_KINDS.has(k.kind)) {
      resources.push({
        name: `${k.resource}/scale`,
        singularName: "",
        namespaced: k.namespaced,
        group: "autoscaling",
        version: "v1",
        kind: "Scale",
        verbs: STATUS_VERBS,
      });
    }
  }
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

/** `/version`: Kubernetes' version.Info, naming the API level Slipway follows. */
export function versionInfo(): unknown {
  return {
    major: "1",
    minor: "32",
    gitVersion: "v1.32.0-slipway",
    gitCommit: "",
    gitTreeState: "clean",
    buildDate: "",
    goVersion: "",
    compiler: "node",
    platform: `${process.platform}/${process.arch}`,
  };
}
