/**
 * The scale subresource (`.../<name>/scale`) of Deployment, ReplicaSet and ReplicationController,
 * as `kubectl scale` uses it: an autoscaling/v1 Scale whose spec.replicas reads and writes the
 * object's spec.replicas, and whose status carries the observed replicas and the selector.
 */
import { invalidObjectError } from "../api/errors.js";
import type { KubeObject } from "../api/object.js";
import { applyMergePatch, applyPatch } from "./patch.js";
import {
  bodyRecord,
  dryRun,
  notAllowed,
  ok,
  patchType,
  type ResourceRequest,
  type ResourceResponse,
  retryOnConflict,
} from "./request.js";

interface Scale {
  apiVersion: "autoscaling/v1";
  kind: "Scale";
  metadata: KubeObject["metadata"];
  spec: { replicas: number };
  status: { replicas: number; selector?: string };
}

interface SelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** kubectl's string form of a selector: a map (ReplicationController) or matchLabels/Expressions. */
function selectorString(selector: unknown, structured: boolean): string {
  if (typeof selector !== "object" || selector === null) return "";
  const spec: SelectorSpec = structured
    ? (selector as SelectorSpec)
    : { matchLabels: selector as Record<string, string> };
  const parts = Object.entries(spec.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const { key, operator, values = [] } of spec.matchExpressions ?? []) {
    if (operator === "Exists") parts.push(key);
    else if (operator === "DoesNotExist") parts.push(`!${key}`);
    else parts.push(`${key} ${operator.toLowerCase()} (${values.join(",")})`);
  }
  return parts.join(",");
}

export function scaleOf(obj: KubeObject): Scale {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (obj.status ?? {}) as { replicas?: number };
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const metadata = Object.fromEntries(
    Object.entries({ name, namespace, uid, resourceVersion, creationTimestamp }).filter(([, v]) => v !== undefined),
  );
  const selector = selectorString(spec.selector, obj.kind !== "ReplicationController");
  return {
    apiVersion: "autoscaling/v1",
    kind: "Scale",
    metadata,
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

function replicasOf(scale: Record<string, unknown>, name: string): number {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw invalidObjectError("Scale", name, [
      { type: "Invalid", field: "spec.replicas", badValue: replicas, detail: "must be greater than or equal to 0" },
    ]);
  }
  return replicas;
}

export async function handleScale(req: ResourceRequest, name: string): Promise<ResourceResponse> {
  const { client, info, namespace } = req;
  const write = async (live: KubeObject, replicas: number, resourceVersion?: string) => {
    const next = applyMergePatch(live, { spec: { replicas } }) as KubeObject;
    if (resourceVersion) next.metadata.resourceVersion = resourceVersion;
    return scaleOf(await client.update(next, dryRun(req)));
  };
  switch (req.method) {
    case "GET":
      return ok(scaleOf(await client.get(info.kind, namespace, name)));
    case "PUT": {
      const scale = bodyRecord(req);
      const replicas = replicasOf(scale, name);
      const precondition = (scale.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
      return ok(await write(await client.get(info.kind, namespace, name), replicas, precondition));
    }
    case "PATCH": {
      const type = patchType(req);
      return ok(
        await retryOnConflict(async () => {
          const live = await client.get(info.kind, namespace, name);
          const patched = applyPatch(scaleOf(live) as unknown as KubeObject, req.body ?? {}, type);
          return write(live, replicasOf(patched, name), live.metadata.resourceVersion);
        }),
      );
    }
    default:
      throw notAllowed(req);
  }
}
