/**
 * Container names, like the kubelet's `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>`:
 * `slipway_<container>_<pod>_<namespace>_<uid-prefix>_<attempt>`. Names are for people reading
 * `docker ps`; identity lives in the labels. The attempt keeps a restarted container's name free
 * while the previous one is kept for `logs --previous`.
 */
import { SANDBOX_CONTAINER_NAME } from "./labels.js";

export const NAME_PREFIX = "slipway";
export const UID_PREFIX_LENGTH = 8;

export interface ContainerNameParts {
  container: string;
  pod: string;
  namespace: string;
  uidPrefix: string;
  attempt: number;
}

/** Kubernetes names never contain `_`, so the parts stay separable. */
export function containerName(parts: Omit<ContainerNameParts, "uidPrefix"> & { uid: string }): string {
  const uidPrefix = parts.uid.replace(/-/g, "").slice(0, UID_PREFIX_LENGTH);
  return [NAME_PREFIX, parts.container, parts.pod, parts.namespace, uidPrefix, parts.attempt].join("_");
}

export function sandboxName(parts: { pod: string; namespace: string; uid: string; attempt: number }): string {
  return containerName({ ...parts, container: SANDBOX_CONTAINER_NAME });
}

/** Parses a name made by containerName (Docker's leading `/` allowed); undefined for any other name. */
export function parseContainerName(name: string): ContainerNameParts | undefined {
  const parts = name.replace(/^\//, "").split("_");
  if (parts.length !== 6 || parts[0] !== NAME_PREFIX) return undefined;
  const [, container, pod, namespace, uidPrefix, attemptText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!/^\d+$/.test(attemptText) || !container || !pod || !namespace) return undefined;
  return { container, pod, namespace, uidPrefix, attempt: Number(attemptText) };
}
