/**
 * The table of kinds Slipway serves: how each maps to an apiVersion, a REST resource, short names,
 * and whether it lives in a namespace. Everything that turns a user's word ("po", "deploy",
 * "replicasets.apps") into a kind goes through here.
 */

export interface KindInfo {
  kind: string;
  group: string; // "" for the core group
  version: string;
  apiVersion: string;
  resource: string; // plural, lower case: the REST path segment
  singular: string;
  shortNames: readonly string[];
  namespaced: boolean;
  listKind: string;
  /** Has a status subresource whose writes do not touch spec (and vice versa). */
  hasStatus: boolean;
}

function kind(
  k: string,
  group: string,
  resource: string,
  shortNames: readonly string[],
  namespaced: boolean,
  hasStatus: boolean,
): KindInfo {
  const version = "v1";
  return {
    kind: k,
    group,
    version,
    apiVersion: group ? `${group}/${version}` : version,
    resource,
    singular: k.toLowerCase(),
    shortNames,
    namespaced,
    listKind: `${k}List`,
    hasStatus,
  };
}

export const KINDS: readonly KindInfo[] = [
  kind("Namespace", "", "namespaces", ["ns"], false, true),
  kind("Node", "", "nodes", ["no"], false, true),
  kind("ConfigMap", "", "configmaps", ["cm"], true, false),
  kind("Secret", "", "secrets", [], true, false),
  kind("Service", "", "services", ["svc"], true, true),
  kind("Endpoints", "", "endpoints", ["ep"], true, false),
  kind("Pod", "", "pods", ["po"], true, true),
  kind("ReplicationController", "", "replicationcontrollers", ["rc"], true, true),
  kind("Event", "", "events", ["ev"], true, false),
  kind("ReplicaSet", "apps", "replicasets", ["rs"], true, true),
  kind("Deployment", "apps", "deployments", ["deploy"], true, true),
];

const byKind = new Map(KINDS.map((k) => [k.kind, k]));

/** Looks a kind up by its exact Kind name ("Pod"). */
export function kindInfo(kindName: string): KindInfo | undefined {
  return byKind.get(kindName);
}

/** Like kindInfo, for kinds the caller already knows are served; a miss is a bug. */
export function mustKindInfo(kindName: string): KindInfo {
  const info = byKind.get(kindName);
  if (!info) throw new Error(`unknown kind ${kindName}`);
  return info;
}

/** Looks a kind up by apiVersion + kind, as written in a manifest. */
export function kindFor(apiVersion: string, kindName: string): KindInfo | undefined {
  const info = byKind.get(kindName);
  return info && info.apiVersion === apiVersion ? info : undefined;
}

/**
 * Resolves what a user types on the command line, as kubectl does: Kind, plural, singular, short
 * name, any case, optionally qualified by group ("deployments.apps").
 */
export function resolveKind(word: string): KindInfo | undefined {
  const [name = "", ...groupParts] = word.toLowerCase().split(".");
  const group = groupParts.join(".");
  return KINDS.find(
    (k) =>
      (!group || k.group === group) &&
      (k.kind.toLowerCase() === name || k.resource === name || k.singular === name || k.shortNames.includes(name)),
  );
}

/** Finds the kind served at a REST path: group ("" for core), version, plural resource. */
export function kindForResource(group: string, version: string, resource: string): KindInfo | undefined {
  return KINDS.find((k) => k.group === group && k.version === version && k.resource === resource);
}
