/**
 * The audit record of one executed (or refused) plan: which revision of which source, when, and
 * what happened to each object that changed. Plain JSON-able data with no object contents, so no
 * Secret value can reach the audit trail; where records are kept is the caller's choice.
 */
import { formatKey } from "../api/object.js";
import type { ApplyResult } from "./apply.js";
import type { Plan, PlanAction, PlanSummary } from "./types.js";

export type AuditOutcome = "succeeded" | "partial" | "failed" | "refused";

export interface AuditStep {
  /** `Kind/namespace/name`. */
  object: string;
  action: PlanAction;
  reason: string;
  outcome: "applied" | "failed" | "skipped" | "not run";
  error?: string;
  resourceVersion?: string;
}

export interface AuditRecord {
  sourceId: string;
  /** The commit sha (git) or content hash (directory) the plan was made from. */
  revision: string;
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  outcome: AuditOutcome;
  summary: PlanSummary;
  /** Steps that change something, plus every failure; unchanged objects only count in summary. */
  steps: AuditStep[];
  errors: string[];
  warnings: string[];
}

export interface AuditInput {
  plan: Plan;
  /** Absent when the plan was refused (it had errors) and nothing ran. */
  result?: ApplyResult;
  sourceId: string;
  revision: string;
  startedAt: Date;
  finishedAt: Date;
  dryRun?: boolean;
}

/** Builds the record of one plan and its execution. Pure. */
export function auditRecord(input: AuditInput): AuditRecord {
  const { plan, result, sourceId, revision, startedAt, finishedAt, dryRun = false } = input;
  const steps: AuditStep[] = [];
  plan.steps.forEach((step, index) => {
    const outcome = result?.steps[index];
    if (step.action === "unchanged" && outcome?.outcome !== "failed") return;
    const entry: AuditStep = {
      object: formatKey(step.key),
      action: step.action,
      reason: step.reason,
      outcome: outcome?.outcome ?? "not run",
    };
    if (outcome?.error !== undefined) entry.error = outcome.error;
    if (outcome?.resourceVersion !== undefined) entry.resourceVersion = outcome.resourceVersion;
    steps.push(entry);
  });
  let status: AuditOutcome = "refused";
  if (result) status = result.failed === 0 ? "succeeded" : result.applied > 0 ? "partial" : "failed";
  return {
    sourceId,
    revision,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    dryRun,
    outcome: status,
    summary: { ...plan.summary },
    steps,
    errors: plan.errors.map((e) => e.message),
    warnings: [...plan.warnings],
  };
}
