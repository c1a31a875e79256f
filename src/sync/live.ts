/**
 * Reads the live objects a plan needs: everything carrying this source's label (the inventory that
 * pruning may touch) plus any object at a key the source wants (to update it, or to refuse it when
 * another source owns it). The only part of sync that performs I/O before apply.
 */
import type { Client } from "../api/client.js";
import { KINDS } from "../api/kinds.js";
import type { KubeObject } from "../api/object.js";
import { SOURCE_LABEL } from "./ownership.js";
import type { DesiredObject } from "./types.js";

export interface ReadLiveOptions {
  desired: readonly DesiredObject[];
  sourceId: string;
}

/**
 * Lists every object of the kinds the source contains (any may sit at a desired key) and, for the
 * other kinds, only this source's objects (pruning candidates) by label selector. The label is
 * checked again here, so a client that ignores selectors still gives the right answer.
 */
export async function readLive(client: Client, { desired, sourceId }: ReadLiveOptions): Promise<KubeObject[]> {
  const wanted = new Set<string>();
  const kinds = new Set<string>();
  for (const { object } of desired) {
    kinds.add(object.kind);
    wanted.add(`${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name ?? ""}`);
  }
  const owned = { labelSelector: `${SOURCE_LABEL}=${sourceId}` };
  const lists = await Promise.all(
    KINDS.map(async (info) => (await client.list(info.kind, kinds.has(info.kind) ? {} : owned)).items),
  );
  return lists.flat().filter((obj) => {
    if (obj.metadata.labels?.[SOURCE_LABEL] === sourceId) return true;
    const { kind } = obj;
    const namespace = obj.metadata.namespace ?? "";
    const name = obj.metadata.name ?? "";
    // A manifest may omit the namespace of a namespaced object; it then means "default".
    return wanted.has(`${kind}/${namespace}/${name}`) || (namespace === "default" && wanted.has(`${kind}//${name}`));
  });
}
