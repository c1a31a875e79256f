/**
 * `slipway apply -f PATH` and `slipway diff -f PATH`: load and validate every manifest, read what
 * this source owns live, plan, then either render the plan (diff, --dry-run) or execute it.
 * Any invalid manifest refuses the whole plan before a single write.
 */
import { createHash } from "node:crypto";
import { basename, resolve } from "node:path";
import type { Client } from "../../api/client.js";
import { SlipwayError } from "../../api/errors.js";
import { loadManifests, manifestsInvalidError } from "../../source/index.js";
import {
  apply,
  formatStepResult,
  formatSummary,
  hasChanges,
  type Plan,
  plan,
  readLive,
  renderPlanDiff,
} from "../../sync/index.js";
import { type CommandResult, EXIT } from "../result.js";

export interface PlanOptions {
  namespace?: string;
  prune?: boolean;
  allowEmpty?: boolean;
  /** Names the source for ownership and pruning; derived from the path when absent. */
  source?: string;
}

/** A label-safe, stable name for a path: `guestbook-1a2b3c4d`. */
export function sourceIdFor(path: string): string {
  const absolute = resolve(path);
  const base = basename(absolute)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  const hash = createHash("sha256").update(absolute).digest("hex").slice(0, 8);
  return `${base.slice(0, 40) || "source"}-${hash}`;
}

export async function planFromPath(client: Client, path: string, options: PlanOptions): Promise<Plan> {
  const loaded = await loadManifests(path, { defaultNamespace: options.namespace ?? "default" });
  if (loaded.errors.length > 0) throw manifestsInvalidError(loaded.errors);
  const sourceId = options.source ?? sourceIdFor(path);
  const live = await readLive(client, { desired: loaded.objects, sourceId });
  const result = plan({
    desired: loaded.objects,
    live,
    sourceId,
    prune: options.prune ?? false,
    allowEmpty: options.allowEmpty ?? false,
  });
  if (result.errors.length > 0) {
    throw new SlipwayError(
      "Invalid",
      `${result.errors.map((e) => e.message).join("\n")}\nthe plan was refused; nothing was applied`,
    );
  }
  return result;
}

export async function diffCommand(
  client: Client,
  path: string,
  options: PlanOptions & { color: boolean },
): Promise<CommandResult> {
  const result = await planFromPath(client, path, options);
  const diff = renderPlanDiff(result, { color: options.color });
  return {
    output: diff,
    exitCode: hasChanges(result) ? EXIT.changes : EXIT.ok,
    notes: [...result.warnings, formatSummary(result)].join("\n"),
  };
}

export async function applyCommand(
  client: Client,
  path: string,
  options: PlanOptions & { dryRun?: boolean },
): Promise<CommandResult> {
  const result = await planFromPath(client, path, options);
  const dryRun = options.dryRun ?? false;
  const outcome = await apply(result, client, { dryRun });
  const lines = outcome.steps.map((step) => formatStepResult(step, { dryRun }));
  const failed = outcome.steps.filter((s) => s.outcome === "failed").length;
  const notes = [...result.warnings, formatSummary(result) + (failed ? `, ${failed} failed` : "")].join("\n");
  return { output: lines.join("\n"), exitCode: failed ? EXIT.changes : EXIT.ok, notes };
}
