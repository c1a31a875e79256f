/**
 * The sync engine: turns the objects a source yields and the live objects into a plan (pure), runs a
 * plan through the Client (apply), and renders a plan as per-object YAML diffs. Owns the three-way
 * comparison, ownership labels, pruning rules and the kind order of writes.
 */

export { type ApplyOptions, type ApplyResult, apply, type StepOutcome, type StepResult } from "./apply.js";
export { type AuditInput, type AuditOutcome, type AuditRecord, type AuditStep, auditRecord } from "./audit.js";
export { compareKeys, compareKeysForDelete, KIND_ORDER } from "./kind-order.js";
export { type ReadLiveOptions, readLive } from "./live.js";
export { MASK, MASK_AFTER, MASK_BEFORE, maskSecret, maskSecretPair } from "./mask.js";
export {
  canonicalJson,
  LAST_APPLIED_ANNOTATION,
  lastAppliedOf,
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  PRUNE_ANNOTATION,
  pruneDisabled,
  SOURCE_LABEL,
  sourceOf,
  stampDesired,
} from "./ownership.js";
export { formatSummary, plan } from "./plan.js";
export { type PredictedChange, predictChange } from "./predict.js";
export { diffName, type RenderOptions, renderPlan, renderPlanDiff, renderStep } from "./render.js";
export { formatApplyResult, formatStepResult, hasChanges, resourceName } from "./report.js";
export type * from "./types.js";
export { apiValidator, type Validator } from "./validate.js";
