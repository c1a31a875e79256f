/**
 * Push to deploy for one repository: check a pushed commit before the branch moves (parse,
 * validate, plan against what runs), and sync a commit once it has (plan with pruning, apply,
 * record). Loads are serialized per repository, so a push's check and its sync share one GitSource
 * whose last tree makes the second load nearly free.
 */
import type * as nodeFs from "node:fs";
import type { PromiseFsClient } from "isomorphic-git";
import type { Client } from "../api/client.js";
import { formatPosition } from "../api/errors.js";
import { formatManifestError } from "../source/index.js";
import {
  type ApplyResult,
  apply,
  auditRecord,
  formatApplyResult,
  formatStepResult,
  formatSummary,
  type Plan,
  plan,
  readLive,
} from "../sync/index.js";
import { listSyncRecords, type SyncRecord, type SyncTrigger, writeSyncRecord } from "./audit-trail.js";
import { type GitLoad, GitSource } from "./git-source.js";

export interface RepositorySyncOptions {
  client: Client;
  /** The repository path; its name is the source id that owns (and prunes) its objects. */
  repository: string;
  sourceId: string;
  branch?: string;
  folder?: string;
  now?: () => Date;
}

/** Lines for the pusher's terminal (git prefixes them with `remote:`) and whether to go on. */
export interface HookReport {
  ok: boolean;
  lines: string[];
}

export class RepositorySync {
  readonly source: GitSource;
  readonly #client: Client;
  readonly #sourceId: string;
  readonly #now: () => Date;
  #queue: Promise<unknown> = Promise.resolve();

  constructor({ client, repository, sourceId, branch, folder, now = () => new Date() }: RepositorySyncOptions) {
    this.source = new GitSource({ repository, ...(branch ? { branch } : {}), ...(folder ? { folder } : {}) });
    this.#client = client;
    this.#sourceId = sourceId;
    this.#now = now;
  }

  /** Runs `task` after every earlier one of this repository has finished. */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #plan(load: GitLoad): Promise<Plan> {
    const live = await readLive(this.#client, { desired: load.objects, sourceId: this.#sourceId });
    return plan({ desired: load.objects, live, sourceId: this.#sourceId, prune: true });
  }

  /**
   * Whether `revision` may become the branch: every manifest valid and the plan against the live
   * objects free of errors. `fs` reads objects not yet in the repository (the push's quarantine).
   */
  check(revision: string, fs?: PromiseFsClient | typeof nodeFs): Promise<HookReport> {
    return this.#serial(async () => {
      const load = await this.source.load(revision, fs);
      const short = revision.slice(0, 7);
      if (load.errors.length > 0) {
        const lines = load.errors.flatMap((e) => [formatManifestError(e), ...(e.hint ? [`  hint: ${e.hint}`] : [])]);
        const count = load.errors.length === 1 ? "1 error" : `${load.errors.length} errors`;
        return {
          ok: false,
          lines: [...lines, `slipway: ${short} refused: ${count} in manifests; nothing was applied`],
        };
      }
      const planned = await this.#plan(load);
      if (planned.errors.length > 0) {
        const lines = planned.errors.map((e) => (e.source ? `${formatPosition(e.source)}: ${e.message}` : e.message));
        return { ok: false, lines: [...lines, `slipway: ${short} refused: the plan has errors; nothing was applied`] };
      }
      const warnings = planned.warnings.map((w) => `slipway: warning: ${w}`);
      return { ok: true, lines: [...warnings, `slipway: ${short} is valid: ${formatSummary(planned)}`] };
    });
  }

  /**
   * Syncs the branch's commit when the newest recorded sync of this source is of another revision:
   * after a restart, a push whose sync was cut short (the branch moved, no record yet) completes,
   * and one that completed is not run again. Returns the report when it synced.
   */
  async resume(): Promise<(HookReport & { record: SyncRecord }) | undefined> {
    let head: string;
    try {
      head = await this.source.head();
    } catch {
      return undefined; // Nothing pushed yet.
    }
    const [last] = await listSyncRecords(this.#client, { sourceId: this.#sourceId });
    if (last?.revision === head) return undefined;
    return this.sync(head, "push");
  }

  /** Syncs `revision` (plan with pruning, apply) and records it; never throws for a failed step. */
  sync(revision: string, trigger: SyncTrigger): Promise<HookReport & { record: SyncRecord }> {
    return this.#serial(async () => {
      const startedAt = this.#now();
      const load = await this.source.load(revision);
      const planned = await this.#plan(load);
      const refused = load.errors.length > 0 || planned.errors.length > 0;
      const result: ApplyResult | undefined = refused ? undefined : await apply(planned, this.#client);
      const audit = auditRecord({
        plan: planned,
        ...(result ? { result } : {}),
        sourceId: this.#sourceId,
        revision,
        startedAt,
        finishedAt: this.#now(),
      });
      if (load.errors.length > 0) audit.errors.unshift(...load.errors.map(formatManifestError));
      const { revision: _, ...commit } = load.commit;
      const record: SyncRecord = { ...audit, ...commit, trigger };
      await writeSyncRecord(this.#client, record);
      const lines = result
        ? [
            ...planned.warnings.map((w) => `slipway: warning: ${w}`),
            ...result.steps
              .filter((s) => s.action !== "unchanged" || s.outcome === "failed")
              .map((s) => formatStepResult(s)),
            `slipway: synced ${revision.slice(0, 7)}: ${formatApplyResult(result)} (${record.outcome})`,
          ]
        : [...record.errors, `slipway: ${revision.slice(0, 7)} was not applied`];
      return { ok: record.outcome === "succeeded", lines, record };
    });
  }
}
