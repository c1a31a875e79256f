/**
 * Kubernetes' defaults for the kinds Slipway serves: what the API server fills in when a manifest
 * leaves a field out, so that a plan compares like with like. Pure: each function works on a copy.
 */
import { cloneJson } from "../clone.js";
import { kindInfo } from "../kinds.js";
import type { KubeObject } from "../object.js";
import { defaultPodSpec } from "./pod.js";
import { defaultSecret } from "./secret.js";
import { defaultEndpoints, defaultService } from "./service.js";
import { isRecord } from "./shape.js";
import { defaultDeployment, defaultReplicaSet, defaultReplicationController } from "./workloads.js";

export { defaultImagePullPolicy } from "./pod.js";

const BY_KIND: ReadonlyMap<string, (obj: KubeObject) => void> = new Map(
  Object.entries({
    Pod: (obj) => {
      if (isRecord(obj.spec)) defaultPodSpec(obj.spec);
    },
    ReplicationController: defaultReplicationController,
    ReplicaSet: defaultReplicaSet,
    Deployment: defaultDeployment,
    Service: defaultService,
    Endpoints: defaultEndpoints,
    Secret: defaultSecret,
  }),
);

/**
 * Returns a copy of obj with Kubernetes' defaults filled in (never mutates obj). Pure and
 * idempotent: defaulting a defaulted object changes nothing. Fields already set are never changed;
 * malformed parts are left as they are for validation to report. Namespaced kinds get namespace
 * "default" when they name none; unknown kinds only get the copy.
 */
export function withDefaults(obj: KubeObject): KubeObject {
  const copy = cloneJson(obj);
  if (!isRecord(copy.metadata)) return copy;
  if (kindInfo(copy.kind)?.namespaced && !copy.metadata.namespace) copy.metadata.namespace = "default";
  BY_KIND.get(copy.kind)?.(copy);
  return copy;
}
