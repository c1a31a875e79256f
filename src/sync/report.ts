/**
 * Words for what happened, as kubectl apply prints them: one line per object
 * (`deployment.apps/web configured`) and a closing count. Pure; the CLI decides where they go.
 */
import { kindInfo } from "../api/kinds.js";
import type { ObjectKey } from "../api/object.js";
import type { ApplyResult, StepResult } from "./apply.js";
import type { Plan } from "./types.js";

/** kubectl's object name: `configmap/settings`, `deployment.apps/web`. */
export function resourceName(key: ObjectKey): string {
  const info = kindInfo(key.kind);
  const type = info ? (info.group ? `${info.singular}.${info.group}` : info.singular) : key.kind.toLowerCase();
  return `${type}/${key.name}`;
}

const VERBS = { create: "created", patch: "configured", delete: "pruned", unchanged: "unchanged" } as const;

/** `deployment.apps/web configured`, `configmap/old pruned (dry run)`, `secret/db failed: <why>`. */
export function formatStepResult(result: StepResult, { dryRun = false }: { dryRun?: boolean } = {}): string {
  const name = resourceName(result.key);
  if (result.outcome === "failed") return `${name} failed: ${result.error ?? "unknown error"}`;
  let verb: string = VERBS[result.action];
  if (result.outcome === "skipped" && result.action === "delete") verb = "pruned (already gone)";
  else if (result.outcome === "skipped") verb = "unchanged";
  return dryRun && result.outcome === "applied" ? `${name} ${verb} (dry run)` : `${name} ${verb}`;
}

/** `3 applied, 1 failed, 2 unchanged`, leaving out zeros; `nothing to do` when there were no steps. */
export function formatApplyResult(result: ApplyResult): string {
  const parts: string[] = [];
  if (result.applied) parts.push(`${result.applied} applied`);
  if (result.failed) parts.push(`${result.failed} failed`);
  if (result.skipped) parts.push(`${result.skipped} unchanged`);
  return parts.length > 0 ? parts.join(", ") : "nothing to do";
}

/** Whether applying the plan would write anything: what `diff` turns into exit code 1. */
export function hasChanges(plan: Plan): boolean {
  return plan.summary.create + plan.summary.patch + plan.summary.delete > 0;
}
