/**
 * The status subresource (`.../<name>/status`): GET reads the object, PUT and PATCH write its
 * status only, through Client.updateStatus, so spec never changes here (and status never changes
 * through the object itself).
 */
import type { KubeObject } from "../api/object.js";
import { applyPatch } from "./patch.js";
import {
  bodyObject,
  dryRun,
  notAllowed,
  ok,
  patchType,
  type ResourceRequest,
  type ResourceResponse,
  retryOnConflict,
} from "./request.js";

export async function handleStatus(req: ResourceRequest, name: string): Promise<ResourceResponse> {
  const { client, info, namespace } = req;
  switch (req.method) {
    case "GET":
      return ok(await client.get(info.kind, namespace, name));
    case "PUT": {
      const obj = bodyObject(req, name);
      if (dryRun(req).dryRun) return ok({ ...(await client.get(info.kind, namespace, name)), status: obj.status });
      return ok(await client.updateStatus(obj));
    }
    case "PATCH": {
      // Patch the live object locally and write back its status, with the version read as the
      // precondition; a concurrent writer makes it re-read and try again.
      const type = patchType(req);
      const isDryRun = dryRun(req).dryRun === true;
      return ok(
        await retryOnConflict(async () => {
          const live = await client.get(info.kind, namespace, name);
          const next: KubeObject = { ...live, status: applyPatch(live, req.body ?? {}, type).status };
          return isDryRun ? next : client.updateStatus(next);
        }),
      );
    }
    default:
      throw notAllowed(req);
  }
}
