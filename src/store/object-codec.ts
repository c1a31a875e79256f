import type { KubeObject } from "../api/object.js";
import type { KeyValue } from "./backend.js";

/**
 * How objects are stored: JSON without resourceVersion, which is the key's modRevision and is put
 * back on read (as the Kubernetes etcd3 store does). Decoding always yields a fresh object.
 */
export function encodeObject(obj: KubeObject): string {
  // A new object (the create path) has none: no copy needed.
  if (obj.metadata.resourceVersion === undefined) return JSON.stringify(obj);
  const { resourceVersion: _ignored, ...metadata } = obj.metadata;
  return JSON.stringify({ ...obj, metadata });
}

export function decodeObject(value: string, revision: number): KubeObject {
  const obj = JSON.parse(value) as KubeObject;
  obj.metadata.resourceVersion = String(revision);
  return obj;
}

export function decodeKv(kv: KeyValue): KubeObject {
  return decodeObject(kv.value, kv.modRevision);
}
