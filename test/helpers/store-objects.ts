import type { KubeObject } from "../../src/api/object.js";

/** Builders for the small, valid objects the store tests write. */

export function newConfigMap(
  name: string,
  data: Record<string, string> = { k: "v" },
  namespace = "default",
): KubeObject {
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data };
}

export function newPod(name: string, namespace = "default", image = "busybox"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: { app: "web" } },
    spec: { containers: [{ name: "main", image }] },
  };
}

export function newNamespace(name: string): KubeObject {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name } };
}

/** Awaits a promise that must reject and returns its error. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error("expected the promise to reject");
}
