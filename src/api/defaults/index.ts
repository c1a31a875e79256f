// OWNER: api helper. Stub signature; replace with the real implementation.
import type { KubeObject } from "../object.js";

/** Returns a copy of obj with Kubernetes' defaults filled in (never mutates obj). Pure. */
export function withDefaults(obj: KubeObject): KubeObject {
  return structuredClone(obj);
}
