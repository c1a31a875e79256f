/**
 * The audit trail in the store: one ConfigMap per sync in the `slipway-system` namespace, labelled
 * `slipway.dev/audit=true`, holding the record as JSON. ConfigMaps need no new kind, travel through
 * the API server and kubectl as they are, and carry no source label, so no sync ever prunes them.
 */
import type { Client } from "../api/client.js";
import { isSlipwayError } from "../api/errors.js";
import type { KubeObject } from "../api/object.js";
import type { AuditRecord } from "../sync/index.js";

export const AUDIT_NAMESPACE = "slipway-system";
export const AUDIT_LABEL = "slipway.dev/audit";
export const AUDIT_SOURCE_LABEL = "slipway.dev/audit-source";
const RECORD_KEY = "record.json";

export type SyncTrigger = "push" | "poll" | "webhook" | "watch" | "rollback" | "apply";

/** An audit record with what the commit says about itself and what set the sync off. */
export interface SyncRecord extends AuditRecord {
  trigger: SyncTrigger;
  author?: string;
  committer?: string;
  /** The commit's date (ISO); absent for uncommitted content. */
  date?: string;
  message?: string;
}

/** `sync-<ms since epoch>-<revision prefix>`: unique per sync, and sorts by time. */
export function auditObjectName(record: SyncRecord): string {
  const ms = Date.parse(record.startedAt);
  return `sync-${ms.toString().padStart(14, "0")}-${record.revision.slice(0, 12).toLowerCase()}`;
}

async function ensureNamespace(client: Client): Promise<void> {
  try {
    await client.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: AUDIT_NAMESPACE } });
  } catch (error) {
    if (!isSlipwayError(error, "AlreadyExists")) throw error;
  }
}

/** Stores one record; creates the namespace on first use. */
export async function writeSyncRecord(client: Client, record: SyncRecord): Promise<KubeObject> {
  const object: KubeObject = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: auditObjectName(record),
      namespace: AUDIT_NAMESPACE,
      labels: { [AUDIT_LABEL]: "true", [AUDIT_SOURCE_LABEL]: record.sourceId },
    },
    data: { [RECORD_KEY]: JSON.stringify(record) },
  };
  try {
    return await client.create(object);
  } catch (error) {
    if (!isSlipwayError(error, "NotFound")) throw error;
    await ensureNamespace(client);
    return client.create(object);
  }
}

/** Every stored record, newest first (by start time). Unreadable entries are skipped. */
export async function listSyncRecords(client: Client, options: { sourceId?: string } = {}): Promise<SyncRecord[]> {
  const selector = `${AUDIT_LABEL}=true${options.sourceId ? `,${AUDIT_SOURCE_LABEL}=${options.sourceId}` : ""}`;
  const list = await client.list("ConfigMap", { namespace: AUDIT_NAMESPACE, labelSelector: selector });
  const records: SyncRecord[] = [];
  for (const item of list.items) {
    const text = (item.data as Record<string, string> | undefined)?.[RECORD_KEY];
    if (!text) continue;
    try {
      records.push(JSON.parse(text) as SyncRecord);
    } catch {
      // A hand-edited entry: not ours to interpret.
    }
  }
  return records.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
}
