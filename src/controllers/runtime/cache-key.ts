import type { KubeObject } from "../../api/object.js";

/**
 * The key a controller's cache and work queue use for one object of a known kind: `namespace/name`,
 * or just `name` for cluster-scoped objects (client-go's MetaNamespaceKeyFunc).
 */
export function cacheKey(obj: KubeObject): string {
  const { namespace, name = "" } = obj.metadata;
  return namespace ? `${namespace}/${name}` : name;
}

/** Splits a cache key back into namespace ("" when cluster-scoped) and name. */
export function splitCacheKey(key: string): { namespace: string; name: string } {
  const slash = key.indexOf("/");
  return slash < 0 ? { namespace: "", name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}
