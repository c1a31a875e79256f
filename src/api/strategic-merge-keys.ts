/**
 * Where strategic merge patch treats a list as a map: the merge-key table, per kind and field path,
 * following the `patchStrategy`/`patchMergeKey` tags of Kubernetes' Go types. Lists not named here
 * are atomic (a patch replaces them whole), as in Kubernetes (tolerations, taints, envFrom,
 * Endpoints subsets, containerStatuses, ...).
 *
 * Paths are dotted field names; `[]` stands for "each item of the list" (`spec.containers[].env`).
 */

/** How one list field merges: by the named key fields of its items, or as a set of primitives. */
export type ListStrategy = { type: "keyed"; keys: readonly string[] } | { type: "set" };

const keyed = (...keys: string[]): ListStrategy => ({ type: "keyed", keys });
const SET: ListStrategy = { type: "set" };

function metaKeys(prefix: string): [string, ListStrategy][] {
  return [
    [`${prefix}ownerReferences`, keyed("uid")],
    [`${prefix}finalizers`, SET],
  ];
}

function containerKeys(prefix: string): [string, ListStrategy][] {
  return [
    [prefix, keyed("name")],
    // Kubernetes' patchMergeKey is containerPort alone; adding protocol keeps 53/TCP and 53/UDP apart.
    [`${prefix}[].ports`, keyed("containerPort", "protocol")],
    [`${prefix}[].env`, keyed("name")],
    [`${prefix}[].volumeMounts`, keyed("mountPath")],
    [`${prefix}[].volumeDevices`, keyed("devicePath")],
  ];
}

function podSpecKeys(prefix: string): [string, ListStrategy][] {
  return [
    ...containerKeys(`${prefix}containers`),
    ...containerKeys(`${prefix}initContainers`),
    ...containerKeys(`${prefix}ephemeralContainers`),
    [`${prefix}volumes`, keyed("name")],
    [`${prefix}imagePullSecrets`, keyed("name")],
    [`${prefix}hostAliases`, keyed("ip")],
  ];
}

const conditions = (prefix: string): [string, ListStrategy] => [`${prefix}conditions`, keyed("type")];

const common = metaKeys("metadata.");
const template = [...metaKeys("spec.template.metadata."), ...podSpecKeys("spec.template.spec.")];

const TABLE: Record<string, Map<string, ListStrategy>> = {
  Pod: new Map([...common, ...podSpecKeys("spec."), conditions("status.")]),
  ReplicationController: new Map([...common, ...template, conditions("status.")]),
  ReplicaSet: new Map([...common, ...template, conditions("status.")]),
  Deployment: new Map([...common, ...template, conditions("status.")]),
  Service: new Map([...common, ["spec.ports", keyed("port", "protocol")], conditions("status.")]),
  Node: new Map([...common, conditions("status."), ["status.addresses", keyed("type")]]),
  Namespace: new Map([...common, conditions("status.")]),
};

const COMMON = new Map(common);

/** Fields whose absence in a key means this value, so `{port: 80}` and `{port: 80, protocol: TCP}` match. */
export const KEY_DEFAULTS: Readonly<Record<string, unknown>> = { protocol: "TCP" };

/** The merge strategy of the list at `path` in an object of `kind`, or undefined for atomic lists. */
export function listStrategy(kind: string, path: string): ListStrategy | undefined {
  return (TABLE[kind] ?? COMMON).get(path);
}

export type JsonMap = Record<string, unknown>;

export function isPlainObject(value: unknown): value is JsonMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values; key order in maps does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
    return keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Whether two list items are the same item under the given merge keys (missing protocol = TCP). */
export function sameKey(a: JsonMap, b: JsonMap, keys: readonly string[]): boolean {
  return keys.every((k) => deepEqual(a[k] ?? KEY_DEFAULTS[k], b[k] ?? KEY_DEFAULTS[k]));
}

export { cloneJson } from "./clone.js";
