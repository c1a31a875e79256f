/** What differs between ReplicationController and ReplicaSet: the selector's form and the apiVersion. */
import type { LabelSelector } from "../../api/selector/index.js";
import { labelSelectorFromSet, labelSelectorFromSpec, NOTHING } from "../../api/selector/index.js";
import type { ReplicaSet } from "../../api/types/apps.js";
import type { PodTemplateSpec } from "../../api/types/pod.js";
import type { ReplicationController } from "../../api/types/replication-controller.js";

/** Either owner kind, seen through the fields both share. */
export type ReplicaOwner = ReplicationController | ReplicaSet;

export interface ReplicaKind {
  kind: "ReplicationController" | "ReplicaSet";
  apiVersion: string;
  /** The controller's name in logs and event sources. */
  component: string;
  /** Which pods the owner selects; an empty or missing selector selects nothing. */
  selector(owner: ReplicaOwner): LabelSelector;
}

export const REPLICATION_CONTROLLER: ReplicaKind = {
  kind: "ReplicationController",
  apiVersion: "v1",
  component: "replication-controller",
  selector: (owner) => {
    const set = (owner as ReplicationController).spec?.selector;
    // An RC's selector is defaulted from its template; an empty map would select every pod.
    return set && Object.keys(set).length > 0 ? labelSelectorFromSet(set) : NOTHING;
  },
};

export const REPLICA_SET: ReplicaKind = {
  kind: "ReplicaSet",
  apiVersion: "apps/v1",
  component: "replicaset-controller",
  selector: (owner) => {
    const selector = labelSelectorFromSpec((owner as ReplicaSet).spec?.selector);
    // Validation forbids an empty apps/v1 selector; treat one that slipped through as selecting nothing.
    return selector.empty ? NOTHING : selector;
  },
};

export function replicasOf(owner: ReplicaOwner): number {
  return owner.spec?.replicas ?? 1;
}

export function minReadySecondsOf(owner: ReplicaOwner): number {
  return owner.spec?.minReadySeconds ?? 0;
}

export function templateOf(owner: ReplicaOwner): PodTemplateSpec | undefined {
  return owner.spec?.template;
}
