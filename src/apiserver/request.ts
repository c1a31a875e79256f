/**
 * One request on a resource route, parsed, and the rules every verb shares: dry run, the patch
 * type named by Content-Type, selectors, and a request body checked against the path.
 */
import type { Client, ListOptions, PatchType } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import type { KindInfo } from "../api/kinds.js";
import type { KubeObject } from "../api/object.js";
import { HttpStatusError } from "./http-io.js";
import { patchTypeFor } from "./patch.js";
import type { Subresource } from "./routes.js";
import { failureStatus } from "./status.js";
import type { TableProvider } from "./table.js";

export interface ResourceRequest {
  client: Client;
  method: string;
  info: KindInfo;
  namespace: string;
  name?: string;
  subresource?: Subresource;
  query: URLSearchParams;
  /** The parsed JSON body; read only for verbs that take one. */
  body: unknown;
  contentType: string | undefined;
  accept: string | undefined;
  table: TableProvider | undefined;
}

export interface ResourceResponse {
  code: number;
  body: unknown;
}

export function ok(body: unknown): ResourceResponse {
  return { code: 200, body };
}

export function notAllowed(req: ResourceRequest): SlipwayError {
  return new SlipwayError("MethodNotAllowed", "the server does not allow this method on the requested resource", {
    details: { kind: req.info.resource, ...(req.name !== undefined ? { name: req.name } : {}) },
  });
}

/** Selectors from the query string; the namespace from the path ("" lists every namespace). */
export function listOptions(req: Pick<ResourceRequest, "namespace" | "query">): ListOptions {
  const options: ListOptions = {};
  if (req.namespace) options.namespace = req.namespace;
  const labelSelector = req.query.get("labelSelector");
  if (labelSelector) options.labelSelector = labelSelector;
  const fieldSelector = req.query.get("fieldSelector");
  if (fieldSelector) options.fieldSelector = fieldSelector;
  return options;
}

/** `?dryRun=All` as WriteOptions; any other value is refused, as Kubernetes does. */
export function dryRun(req: ResourceRequest): { dryRun?: boolean } {
  const values = req.query.getAll("dryRun");
  if (values.length === 0) return {};
  if (values.some((v) => v !== "All")) {
    throw new SlipwayError("BadRequest", `unsupported dryRun value ${JSON.stringify(values)}: only "All" is served`);
  }
  return { dryRun: true };
}

/** The patch type named by Content-Type; anything else is 415 Unsupported Media Type. */
export function patchType(req: ResourceRequest): PatchType {
  const type = patchTypeFor(req.contentType);
  if (type) return type;
  throw new HttpStatusError(
    failureStatus(
      415,
      "UnsupportedMediaType",
      "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json",
    ),
  );
}

/** The request body as a JSON object, or BadRequest. */
export function bodyRecord(req: ResourceRequest): Record<string, unknown> {
  const body = req.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SlipwayError("BadRequest", "the request body must be a JSON object");
  }
  return structuredClone(body) as Record<string, unknown>;
}

/**
 * The request body as an object of this route's kind, with apiVersion, kind and namespace filled
 * from the path when absent; anything that disagrees with the path is refused as Kubernetes does.
 */
export function bodyObject(req: ResourceRequest, name?: string): KubeObject {
  const obj = bodyRecord(req) as KubeObject;
  obj.apiVersion ??= req.info.apiVersion;
  obj.kind ??= req.info.kind;
  if (obj.apiVersion !== req.info.apiVersion || obj.kind !== req.info.kind) {
    throw new SlipwayError(
      "BadRequest",
      `the API version in the data (${obj.apiVersion}) and kind (${obj.kind}) do not match the request path (${req.info.apiVersion}, ${req.info.kind})`,
    );
  }
  if (typeof obj.metadata !== "object" || obj.metadata === null) obj.metadata = {};
  if (req.info.namespaced) {
    obj.metadata.namespace ??= req.namespace;
    if (obj.metadata.namespace !== req.namespace) {
      throw new SlipwayError(
        "BadRequest",
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
  }
  if (name !== undefined) {
    obj.metadata.name ??= name;
    if (obj.metadata.name !== name) {
      throw new SlipwayError("BadRequest", "the name of the object does not match the name on the URL");
    }
  }
  return obj;
}

const WRITE_ATTEMPTS = 5;

/**
 * Runs a read-modify-write, re-reading on Conflict a few times: for subresource writes the server
 * derives from the live object, where the client named no resourceVersion of its own.
 */
export async function retryOnConflict<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof SlipwayError && error.code === "Conflict") || attempt >= WRITE_ATTEMPTS) throw error;
    }
  }
}
