import type { Pod } from "../../api/types/pod.js";
import type { ReplicaKind, ReplicaOwner } from "./replica-kind.js";

/**
 * The pod an owner stamps out: its template's labels, annotations and spec, in the owner's
 * namespace, named `<owner>-<5 chars>` by generateName, controlled by the owner (blockOwnerDeletion,
 * so a foreground deletion of the owner waits for it). Undefined when the owner has no template.
 */
export function podFromTemplate(owner: ReplicaOwner, kind: ReplicaKind): Pod | undefined {
  const template = owner.spec?.template;
  if (!template?.spec) return undefined;
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace ?? "default",
      ownerReferences: [
        {
          apiVersion: kind.apiVersion,
          kind: kind.kind,
          name: owner.metadata.name ?? "",
          uid: owner.metadata.uid ?? "",
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: structuredClone(template.spec),
  };
  if (meta.labels) pod.metadata.labels = { ...meta.labels };
  if (meta.annotations) pod.metadata.annotations = { ...meta.annotations };
  return pod;
}
