/**
 * `slipway history [-n N] [-o json|yaml]`: the syncs the engine ran, newest first, from the audit
 * trail: revision, source, trigger, outcome, changes, author, age and the commit's subject.
 */

import { age } from "../../api/age.js";
import type { Client } from "../../api/client.js";
import { SlipwayError } from "../../api/errors.js";
import { listSyncRecords, type SyncRecord } from "../../gitops/index.js";
import { formatData } from "../output/format.js";
import { renderTable } from "../output/table.js";
import { type CommandResult, ok } from "../result.js";

export interface HistoryOptions {
  /** At most this many syncs (the newest). */
  limit?: number;
  output?: "json" | "yaml";
  /** Only the syncs of this source (a repository's name). */
  source?: string;
  now?: number;
}

/** `+2 ~1 -1`: creates, patches and deletes the sync planned; `-` when it changed nothing. */
function changes(record: SyncRecord): string {
  const { create, patch, delete: remove } = record.summary;
  const parts = [create ? `+${create}` : "", patch ? `~${patch}` : "", remove ? `-${remove}` : ""].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "-";
}

/** The author's name without the address, as `git log --format=%an` prints it. */
function authorName(author: string | undefined): string {
  return author ? author.replace(/\s*<[^>]*>$/, "") : "-";
}

export async function historyCommand(client: Client, options: HistoryOptions = {}): Promise<CommandResult> {
  const { limit, output, source, now = Date.now() } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new SlipwayError("Usage", "-n: expected a positive whole number", { hint: "e.g. slipway history -n 10" });
  }
  const all = await listSyncRecords(client, source ? { sourceId: source } : {});
  const records = limit === undefined ? all : all.slice(0, limit);
  if (output) return ok(formatData(records, output));
  if (records.length === 0) return ok("", "no syncs recorded yet");
  const rows = records.map((r) => [
    r.revision.slice(0, 7),
    r.sourceId,
    r.trigger,
    r.outcome,
    changes(r),
    authorName(r.author),
    age(r.startedAt, now),
    (r.message ?? "").split("\n")[0] ?? "",
  ]);
  return ok(renderTable(["REVISION", "SOURCE", "TRIGGER", "OUTCOME", "CHANGES", "AUTHOR", "AGE", "MESSAGE"], rows));
}
