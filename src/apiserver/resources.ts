/**
 * The REST verbs on one resource route, as Kubernetes serves them: list, get, create (POST), update
 * (PUT), patch (PATCH), delete, and the status subresource. Each handler takes the parsed request
 * and returns the HTTP code and body; it never writes to the socket (watch lives in watch-stream.ts).
 */
import type { Client, ListOptions, PatchType } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import type { KindInfo } from "../api/kinds.js";
import type { KubeObject } from "../api/object.js";
import { deleteObject } from "./delete-request.js";
import { HttpStatusError } from "./http-io.js";
import { applyPatch, patchTypeFor } from "./patch.js";
import { failureStatus } from "./status.js";
import { type TableProvider, wantsTable } from "./table.js";

export interface ResourceRequest {
  client: Client;
  method: string;
  info: KindInfo;
  namespace: string;
  name?: string;
  subresource?: "status";
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

const STATUS_PATCH_ATTEMPTS = 5;

export async function handleResource(req: ResourceRequest): Promise<ResourceResponse> {
  const { method, name } = req;
  if (name === undefined) {
    if (method === "GET") return list(req);
    if (method === "POST") return create(req);
    throw notAllowed(req);
  }
  if (req.subresource === "status") {
    if (method === "GET") return ok(await req.client.get(req.info.kind, req.namespace, name));
    if (method === "PUT") return updateStatus(req, name);
    if (method === "PATCH") return patchStatus(req, name);
    throw notAllowed(req);
  }
  switch (method) {
    case "GET":
      return ok(await req.client.get(req.info.kind, req.namespace, name));
    case "PUT":
      return ok(await req.client.update(bodyObject(req, name), dryRun(req)));
    case "PATCH":
      return ok(
        await req.client.patch(req.info.kind, req.namespace, name, req.body ?? {}, patchType(req), dryRun(req)),
      );
    case "DELETE":
      return ok(await deleteObject(req, name));
    default:
      throw notAllowed(req);
  }
}

function ok(body: unknown): ResourceResponse {
  return { code: 200, body };
}

function notAllowed(req: ResourceRequest): SlipwayError {
  return new SlipwayError("MethodNotAllowed", `the server does not allow this method on the requested resource`, {
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

async function list(req: ResourceRequest): Promise<ResourceResponse> {
  const result = await req.client.list(req.info.kind, listOptions(req));
  if (req.table && wantsTable(req.accept)) {
    const table = req.table(req.info.kind, result.items);
    return ok({ ...table, metadata: { ...table.metadata, resourceVersion: result.resourceVersion } });
  }
  return ok({
    apiVersion: req.info.apiVersion,
    kind: req.info.listKind,
    metadata: { resourceVersion: result.resourceVersion },
    items: result.items,
  });
}

function dryRun(req: ResourceRequest): { dryRun?: boolean } {
  const values = req.query.getAll("dryRun");
  if (values.length === 0) return {};
  if (values.some((v) => v !== "All")) {
    throw new SlipwayError("BadRequest", `unsupported dryRun value ${JSON.stringify(values)}: only "All" is served`);
  }
  return { dryRun: true };
}

/**
 * The request body as an object of this route's kind, with apiVersion, kind and namespace filled
 * from the path when absent; anything that disagrees with the path is refused as Kubernetes does.
 */
function bodyObject(req: ResourceRequest, name?: string): KubeObject {
  const body = req.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new SlipwayError("BadRequest", "the request body must be a JSON object");
  }
  const obj = structuredClone(body) as KubeObject;
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

async function create(req: ResourceRequest): Promise<ResourceResponse> {
  if (req.info.namespaced && !req.namespace) {
    throw new SlipwayError("NotFound", "the server could not find the requested resource", {
      hint: `create ${req.info.resource} under /namespaces/<namespace>/${req.info.resource}`,
    });
  }
  const created = await req.client.create(bodyObject(req), dryRun(req));
  return { code: 201, body: created };
}

function patchType(req: ResourceRequest): PatchType {
  const type = patchTypeFor(req.contentType);
  if (type) return type;
  throw new HttpStatusError(
    failureStatus(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
    ),
  );
}

async function updateStatus(req: ResourceRequest, name: string): Promise<ResourceResponse> {
  const obj = bodyObject(req, name);
  if (dryRun(req).dryRun) {
    const live = await req.client.get(req.info.kind, req.namespace, name);
    return ok({ ...live, status: obj.status });
  }
  return ok(await req.client.updateStatus(obj));
}

/**
 * PATCH on /status: patch the live object locally and write back its status only, with the
 * read resourceVersion as precondition; a concurrent writer makes it re-read and retry.
 */
async function patchStatus(req: ResourceRequest, name: string): Promise<ResourceResponse> {
  const type = patchType(req);
  const { dryRun: isDryRun } = dryRun(req);
  for (let attempt = 1; ; attempt++) {
    const live = await req.client.get(req.info.kind, req.namespace, name);
    const patched = applyPatch(live, req.body ?? {}, type);
    const next: KubeObject = { ...live, status: patched.status };
    if (isDryRun) return ok(next);
    try {
      return ok(await req.client.updateStatus(next));
    } catch (error) {
      if (!(error instanceof SlipwayError && error.code === "Conflict") || attempt >= STATUS_PATCH_ATTEMPTS) {
        throw error;
      }
    }
  }
}
