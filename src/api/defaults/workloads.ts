/**
 * Workload defaults: ReplicationController (v1), ReplicaSet and Deployment (apps/v1), as
 * Kubernetes' `SetDefaults_ReplicationController`, `SetDefaults_ReplicaSet` and
 * `SetDefaults_Deployment` set them, plus the pod defaults on their templates.
 */
import type { KubeObject } from "../object.js";
import { defaultPodTemplate } from "./pod.js";
import { ensureRecord, isEmptyMap, isRecord, type JsonRecord, recordAt, setDefault } from "./shape.js";

/** RC: selector and object labels copied from the template labels when missing; replicas 1. */
export function defaultReplicationController(obj: KubeObject): void {
  const spec = recordAt(obj, "spec");
  if (!spec) return;
  const template = recordAt(spec, "template");
  const templateMeta = template && recordAt(template, "metadata");
  const templateLabels = templateMeta?.labels;
  // Kubernetes copies only a non-empty template label map.
  if (isRecord(templateLabels) && Object.keys(templateLabels).length > 0) {
    if (isEmptyMap(spec.selector)) spec.selector = { ...templateLabels };
    if (isEmptyMap(obj.metadata.labels)) obj.metadata.labels = { ...(templateLabels as Record<string, string>) };
  }
  setDefault(spec, "replicas", 1);
  defaultPodTemplate(spec);
}

/** ReplicaSet: replicas 1. */
export function defaultReplicaSet(obj: KubeObject): void {
  const spec = recordAt(obj, "spec");
  if (!spec) return;
  setDefault(spec, "replicas", 1);
  defaultPodTemplate(spec);
}

function defaultStrategy(spec: JsonRecord): void {
  const strategy = ensureRecord(spec, "strategy");
  if (!strategy) return;
  setDefault(strategy, "type", "RollingUpdate");
  if (strategy.type !== "RollingUpdate") return;
  const rollingUpdate = ensureRecord(strategy, "rollingUpdate");
  if (!rollingUpdate) return;
  setDefault(rollingUpdate, "maxUnavailable", "25%");
  setDefault(rollingUpdate, "maxSurge", "25%");
}

/** Deployment: replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600. */
export function defaultDeployment(obj: KubeObject): void {
  const spec = recordAt(obj, "spec");
  if (!spec) return;
  setDefault(spec, "replicas", 1);
  defaultStrategy(spec);
  setDefault(spec, "revisionHistoryLimit", 10);
  setDefault(spec, "progressDeadlineSeconds", 600);
  defaultPodTemplate(spec);
}
