/**
 * Reads the live side of a plan: every object this source owns (found by its source label, the
 * inventory) plus any object that has the key of a desired one, so a plan can tell create from
 * patch and refuse to take over what another source owns.
 */
import type { Client } from "../api/client.js";
import { isSlipwayError } from "../api/errors.js";
import { KINDS } from "../api/kinds.js";
import { formatKey, keyOf, type KubeObject } from "../api/object.js";
import { SOURCE_LABEL } from "./labels.js";

const SKIPPED_KINDS = new Set(["Event", "Endpoints", "Node"]);

export async function collectLive(client: Client, sourceId: string, desired: KubeObject[]): Promise<KubeObject[]> {
  const owned = await Promise.all(
    KINDS.filter((k) => !SKIPPED_KINDS.has(k.kind)).map(
      async (k) => (await client.list(k.kind, { labelSelector: `${SOURCE_LABEL}=${sourceId}` })).items,
    ),
  );
  const live = new Map(owned.flat().map((o) => [formatKey(keyOf(o)), o]));
  const missing = desired.filter((d) => !live.has(formatKey(keyOf(d))));
  const found = await Promise.all(
    missing.map(async (d) => {
      const key = keyOf(d);
      try {
        return await client.get(key.kind, key.namespace, key.name);
      } catch (error) {
        if (isSlipwayError(error, "NotFound")) return undefined;
        throw error;
      }
    }),
  );
  for (const obj of found) if (obj) live.set(formatKey(keyOf(obj)), obj);
  return [...live.values()];
}
