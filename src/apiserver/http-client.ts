/**
 * The Client interface over HTTP, against Slipway's API server (or any Kubernetes-shaped one).
 * Failures come back as the same SlipwayErrors the in-process client throws: Status responses are
 * mapped back to their code, message and field errors; an unreachable server is ServerUnreachable.
 */
import type { Client, DeleteOptions, ListOptions, PatchType, WatchOptions, WriteOptions } from "../api/client.js";
import { mustKindInfo } from "../api/kinds.js";
import type { KubeObject, ObjectList } from "../api/object.js";
import { type HttpTarget, requestJson } from "./http-request.js";
import { startHttpWatch } from "./http-watch.js";
import { contentTypeFor } from "./patch.js";
import { isStatus } from "./status.js";

export interface HttpClientOptions {
  /** Base URL of the API server, e.g. `http://127.0.0.1:6443`. */
  server: string;
  token: string;
  /** PEM certificate authority for https servers. */
  ca?: string;
  /** Milliseconds to wait for a response before failing with ServerUnreachable (default 60 s; 0 = no limit). */
  timeoutMs?: number;
}

/** Path of a collection (no name) or of one object, for a kind in a namespace ("" = none/all). */
export function resourcePath(kind: string, namespace: string, name?: string, subresource?: string): string {
  const info = mustKindInfo(kind);
  let path = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  if (info.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${info.resource}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (subresource) path += `/${subresource}`;
  return path;
}

/**
 * Path of an object being written: a namespaced object that names no namespace goes to "default",
 * as the in-process registry places it.
 */
function objectPath(obj: KubeObject, withName: boolean, subresource?: string): string {
  const info = mustKindInfo(obj.kind);
  const namespace = info.namespaced ? obj.metadata.namespace || "default" : "";
  return resourcePath(obj.kind, namespace, withName ? (obj.metadata.name ?? "") : undefined, subresource);
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

function dryRunParam(options: WriteOptions | undefined): string | undefined {
  return options?.dryRun ? "All" : undefined;
}

function selectorParams(options: ListOptions): Record<string, string | undefined> {
  return { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector };
}

/** Builds a Client that talks to the API server at `server` with a bearer token. */
export function createHttpClient(options: HttpClientOptions): Client {
  const target: HttpTarget = {
    base: new URL(options.server),
    token: options.token,
    ca: options.ca,
    timeoutMs: options.timeoutMs ?? 60_000,
  };
  const call = (method: string, path: string, body?: unknown, contentType?: string) =>
    requestJson(target, { method, path, body, contentType });
  const object = async (method: string, path: string, body?: unknown, contentType?: string) =>
    (await call(method, path, body, contentType)) as KubeObject;

  const client: Client = {
    get: (kind, namespace, name) => object("GET", resourcePath(kind, namespace, name)),

    async list(kind, listOptions: ListOptions = {}): Promise<ObjectList> {
      const info = mustKindInfo(kind);
      const path = resourcePath(kind, listOptions.namespace ?? "") + query(selectorParams(listOptions));
      const body = (await call("GET", path)) as { metadata?: { resourceVersion?: string }; items?: KubeObject[] };
      // Kubernetes may leave apiVersion/kind off list items; callers always get them.
      const items = (body.items ?? []).map((item) => ({ ...item, apiVersion: info.apiVersion, kind: info.kind }));
      return { items, resourceVersion: body.metadata?.resourceVersion ?? "" };
    },

    create: (obj, writeOptions) =>
      object("POST", objectPath(obj, false) + query({ dryRun: dryRunParam(writeOptions) }), obj),

    update: (obj, writeOptions) =>
      object("PUT", objectPath(obj, true) + query({ dryRun: dryRunParam(writeOptions) }), obj),

    updateStatus: (obj) => object("PUT", objectPath(obj, true, "status"), obj),

    patch: (kind, namespace, name, patch, type: PatchType, writeOptions) =>
      object(
        "PATCH",
        resourcePath(kind, namespace, name) + query({ dryRun: dryRunParam(writeOptions) }),
        patch,
        contentTypeFor(type),
      ),

    async delete(kind, namespace, name, deleteOptions: DeleteOptions = {}) {
      const body: Record<string, unknown> = { kind: "DeleteOptions", apiVersion: "v1" };
      if (deleteOptions.propagationPolicy) body.propagationPolicy = deleteOptions.propagationPolicy;
      if (deleteOptions.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = deleteOptions.gracePeriodSeconds;
      if (deleteOptions.uid !== undefined || deleteOptions.resourceVersion !== undefined) {
        body.preconditions = {
          ...(deleteOptions.uid !== undefined ? { uid: deleteOptions.uid } : {}),
          ...(deleteOptions.resourceVersion !== undefined ? { resourceVersion: deleteOptions.resourceVersion } : {}),
        };
      }
      const result = await call("DELETE", resourcePath(kind, namespace, name), body);
      // A Success Status means the object is gone; an object means finalizers still hold it.
      return isStatus(result) ? undefined : (result as KubeObject);
    },

    watch(kind, watchOptions: WatchOptions, handler) {
      const path = resourcePath(kind, watchOptions.namespace ?? "");
      const startFrom = async (): Promise<string> => {
        if (watchOptions.resourceVersion) return watchOptions.resourceVersion;
        // "From now", as the in-process client means it: the version a list is read at. (Kubernetes
        // would otherwise replay every existing object as ADDED.)
        return (await client.list(kind, { ...watchOptions })).resourceVersion;
      };
      return startHttpWatch(target, { path, params: selectorParams(watchOptions), startFrom, handler });
    },
  };
  return client;
}
