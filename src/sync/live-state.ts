/**
 * The CLI's call shape for reading the live side of a plan; see readLive (live.ts) for what is read.
 */
import type { Client } from "../api/client.js";
import type { KubeObject } from "../api/object.js";
import { readLive } from "./live.js";

/** This source's objects plus any object at the key of a desired one. */
export function collectLive(client: Client, sourceId: string, desired: KubeObject[]): Promise<KubeObject[]> {
  return readLive(client, { desired: desired.map((object) => ({ object })), sourceId });
}
