/**
 * The labels every container Slipway creates carries. They are how a restarted kubelet finds and
 * adopts its containers, and how it knows to leave every other container alone.
 */
import type { PodRef } from "./container-runtime.js";

export const LABELS = {
  podUid: "io.slipway.pod-uid",
  podNamespace: "io.slipway.pod-namespace",
  podName: "io.slipway.pod-name",
  containerName: "io.slipway.container-name",
  node: "io.slipway.node",
  specHash: "io.slipway.spec-hash",
  attempt: "io.slipway.attempt",
} as const;

/** The container name label of a pod's sandbox (Kubernetes' `POD`). */
export const SANDBOX_CONTAINER_NAME = "POD";

export interface ContainerIdentity {
  pod: PodRef;
  /** The container's name in its pod, or SANDBOX_CONTAINER_NAME. */
  container: string;
  node: string;
  specHash: string;
  attempt: number;
}

/**
 * The labels for one container: `extra` (a sandbox gets the pod's labels) first, then Slipway's
 * own, which always win so that a pod label can never disguise a container.
 */
export function containerLabels(
  identity: ContainerIdentity,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...extra,
    [LABELS.podUid]: identity.pod.uid,
    [LABELS.podNamespace]: identity.pod.namespace,
    [LABELS.podName]: identity.pod.name,
    [LABELS.containerName]: identity.container,
    [LABELS.node]: identity.node,
    [LABELS.specHash]: identity.specHash,
    [LABELS.attempt]: String(identity.attempt),
  };
}

/** Reads the identity back from a container's labels; undefined when Slipway did not create it. */
export function identityFromLabels(labels: Record<string, string>): ContainerIdentity | undefined {
  const uid = labels[LABELS.podUid];
  const namespace = labels[LABELS.podNamespace];
  const name = labels[LABELS.podName];
  const container = labels[LABELS.containerName];
  const node = labels[LABELS.node];
  if (!uid || namespace === undefined || !name || !container || node === undefined) return undefined;
  const attempt = Number(labels[LABELS.attempt] ?? "0");
  return {
    pod: { uid, namespace, name },
    container,
    node,
    specHash: labels[LABELS.specHash] ?? "",
    attempt: Number.isSafeInteger(attempt) && attempt >= 0 ? attempt : 0,
  };
}

/** True when `labels` has every key in `wanted` with the same value (an undefined value matches any). */
export function matchesLabels(labels: Record<string, string>, wanted: Record<string, string | undefined>): boolean {
  return Object.entries(wanted).every(
    ([key, value]) => key in labels && (value === undefined || labels[key] === value),
  );
}
