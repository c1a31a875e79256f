/**
 * The REST verbs on one resource route, as Kubernetes serves them: list, get, create (POST), update
 * (PUT), patch (PATCH), delete, and the status and scale subresources. Handlers take the parsed
 * request and return the HTTP code and body; they never write to the socket (watch lives in
 * watch-stream.ts).
 */
import { SlipwayError } from "../api/errors.js";
import { deleteObject } from "./delete-request.js";
import {
  bodyObject,
  dryRun,
  listOptions,
  notAllowed,
  ok,
  patchType,
  type ResourceRequest,
  type ResourceResponse,
} from "./request.js";
import { handleScale } from "./scale-subresource.js";
import { handleStatus } from "./status-subresource.js";
import { wantsTable } from "./table.js";

export async function handleResource(req: ResourceRequest): Promise<ResourceResponse> {
  const { method, name, client, info, namespace } = req;
  if (name === undefined) {
    if (method === "GET") return list(req);
    if (method === "POST") return create(req);
    throw notAllowed(req);
  }
  if (req.subresource === "status") return handleStatus(req, name);
  if (req.subresource === "scale") return handleScale(req, name);
  switch (method) {
    case "GET":
      return ok(await client.get(info.kind, namespace, name));
    case "PUT":
      return ok(await client.update(bodyObject(req, name), dryRun(req)));
    case "PATCH":
      return ok(await client.patch(info.kind, namespace, name, req.body ?? {}, patchType(req), dryRun(req)));
    case "DELETE":
      return ok(await deleteObject(req, name));
    default:
      throw notAllowed(req);
  }
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

async function create(req: ResourceRequest): Promise<ResourceResponse> {
  if (req.info.namespaced && !req.namespace) {
    throw new SlipwayError("NotFound", "the server could not find the requested resource", {
      hint: `create ${req.info.resource} under /namespaces/<namespace>/${req.info.resource}`,
    });
  }
  return { code: 201, body: await req.client.create(bodyObject(req), dryRun(req)) };
}
