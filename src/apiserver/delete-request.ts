/**
 * DELETE requests: DeleteOptions from the body or the query string (propagationPolicy,
 * gracePeriodSeconds, preconditions, dryRun), and the answer Kubernetes gives.
 */
import type { DeleteOptions, PropagationPolicy } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import type { ResourceRequest } from "./request.js";
import { successStatus } from "./status.js";

const POLICIES: readonly PropagationPolicy[] = ["Background", "Foreground", "Orphan"];

/** DeleteOptions from the body (kind DeleteOptions) or the query string, the body winning. */
export function deleteOptions(body: unknown, query: URLSearchParams): DeleteOptions & { dryRun: boolean } {
  const b = (typeof body === "object" && body !== null ? body : {}) as {
    propagationPolicy?: unknown;
    gracePeriodSeconds?: unknown;
    preconditions?: { uid?: unknown; resourceVersion?: unknown };
    dryRun?: unknown;
  };
  const options: DeleteOptions & { dryRun: boolean } = { dryRun: false };
  const policy = b.propagationPolicy ?? query.get("propagationPolicy") ?? undefined;
  if (policy !== undefined) {
    if (!POLICIES.includes(policy as PropagationPolicy)) {
      throw new SlipwayError("BadRequest", `unknown propagationPolicy ${JSON.stringify(policy)}`);
    }
    options.propagationPolicy = policy as PropagationPolicy;
  }
  const grace = b.gracePeriodSeconds ?? query.get("gracePeriodSeconds") ?? undefined;
  if (grace !== undefined) {
    const seconds = Number(grace);
    if (!Number.isInteger(seconds) || seconds < 0) {
      throw new SlipwayError("BadRequest", `gracePeriodSeconds must be a non-negative integer`);
    }
    options.gracePeriodSeconds = seconds;
  }
  if (typeof b.preconditions?.uid === "string") options.uid = b.preconditions.uid;
  if (typeof b.preconditions?.resourceVersion === "string") {
    options.resourceVersion = b.preconditions.resourceVersion;
  }
  const dry = Array.isArray(b.dryRun) ? b.dryRun : query.getAll("dryRun");
  if (dry.length > 0) {
    if (dry.some((v) => v !== "All")) throw new SlipwayError("BadRequest", `unsupported dryRun value`);
    options.dryRun = true;
  }
  return options;
}

/**
 * DELETE on one object. Like Kubernetes, answers with the object while finalizers hold it (or for
 * a dry run), and with a Success Status once it is gone.
 */
export async function deleteObject(req: ResourceRequest, name: string): Promise<unknown> {
  const { dryRun: isDryRun, ...options } = deleteOptions(req.body, req.query);
  const details = { name, group: req.info.group, kind: req.info.resource };
  if (isDryRun) {
    const live = await req.client.get(req.info.kind, req.namespace, name);
    if (options.uid !== undefined && live.metadata.uid !== options.uid) {
      throw new SlipwayError("Conflict", `Precondition failed: UID in precondition: ${options.uid}`, { details });
    }
    if (options.resourceVersion !== undefined && live.metadata.resourceVersion !== options.resourceVersion) {
      throw new SlipwayError("Conflict", `Precondition failed: ResourceVersion in precondition`, { details });
    }
    return live;
  }
  const result = await req.client.delete(req.info.kind, req.namespace, name, options);
  return result ?? successStatus(details);
}
