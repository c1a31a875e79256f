/**
 * plan(): pairs the objects a source yields with the live objects by kind/namespace/name and turns
 * each pair into a step, as Argo CD's gitops-engine does (no live = create, no desired = prune).
 * Pure: it reads nothing and writes nothing, so a preview is exactly what apply would do.
 */
import { withDefaults } from "../api/defaults/index.js";
import { formatPosition } from "../api/errors.js";
import { formatKey, type KubeObject, keyOf, type ObjectKey } from "../api/object.js";
import { compareKeys, compareKeysForDelete } from "./kind-order.js";
import {
  LAST_APPLIED_ANNOTATION,
  PRUNE_ANNOTATION,
  pruneDisabled,
  SOURCE_LABEL,
  sourceOf,
  stampDesired,
} from "./ownership.js";
import { compareObjects, predictChange } from "./predict.js";
import type { DesiredObject, Plan, PlanError, PlanInput, PlanStep, PlanSummary } from "./types.js";
import { apiValidator, validationErrors } from "./validate.js";

const keyString = (key: ObjectKey): string => `${key.kind}/${key.namespace}/${key.name}`;

/**
 * Computes the ordered steps that make the live objects match the source. Guarantees: nothing is
 * deleted unless it carries this source's label, `prune` is set, it did not opt out, and the
 * source is non-empty (or `allowEmpty`); an object owned by another source is never taken over
 * (the plan gets an error instead of a step); an object that would be invalid once written is a
 * plan error (its step stays, so a diff still shows it).
 */
export function plan(input: PlanInput): Plan {
  const { desired, live, sourceId, prune = false, allowEmpty = false, validate = apiValidator } = input;
  const errors: PlanError[] = [];
  const warnings: string[] = [];
  const liveByKey = new Map<string, KubeObject>();
  const liveIds = live.map((obj) => {
    const id = `${obj.kind}/${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`;
    liveByKey.set(id, obj);
    return id;
  });

  const steps: PlanStep[] = [];
  const seen = new Map<string, DesiredObject>();
  for (const entry of desired) {
    const stamped = stampDesired(entry.object, sourceId);
    const key = keyOf(stamped);
    const id = keyString(key);
    const located = entry.source ? { source: entry.source } : {};
    if (!key.name) {
      // A generated name differs on every apply, so the object could never be found again.
      const where = entry.source ? `${formatPosition(entry.source)}: ` : "";
      const message = `${where}${key.kind}: metadata.name: Required value: objects from a source need a fixed name`;
      errors.push({ key, message, ...located });
      continue;
    }
    if (seen.has(id)) {
      errors.push({ key, message: `${formatKey(key)} appears more than once in the source`, ...located });
      continue;
    }
    seen.set(id, entry);
    const current = liveByKey.get(id);
    if (!current) {
      const predicted = withDefaults(stamped);
      errors.push(...validationErrors(key, validate(predicted, null), entry.source));
      steps.push(
        step(key, "create", stamped, null, predicted, "not in the cluster", entry, compareObjects(null, predicted)),
      );
      continue;
    }
    const owner = sourceOf(current);
    if (owner !== undefined && owner !== sourceId) {
      errors.push({
        key,
        message: `${formatKey(key)} belongs to source "${owner}" (label ${SOURCE_LABEL}); refusing to take it over`,
        ...located,
      });
      continue;
    }
    if (owner === undefined) warnings.push(`${formatKey(key)} exists but no source manages it; it will be adopted`);
    const change = predictChange(stamped, current);
    if (!change.changed) {
      steps.push(step(key, "unchanged", stamped, current, current, "matches the manifest", entry, []));
      continue;
    }
    const s = step(
      key,
      "patch",
      stamped,
      current,
      change.predicted,
      describeChange(change.operations),
      entry,
      change.operations,
    );
    s.strategicPatch = change.strategicPatch;
    steps.push(s);
    errors.push(...validationErrors(key, validate(change.predicted, current), entry.source));
  }

  // An object with a controlling owner was made by a controller (Endpoints copy their Service's
  // labels, source label included); its owner and the garbage collector decide its life, not pruning.
  const leftovers = live.filter(
    (obj, i) => sourceOf(obj) === sourceId && !seen.has(liveIds[i]!) && !hasControllerOwner(obj),
  );
  const deletes = pruneSteps(
    leftovers,
    { sourceId, prune, allowEmpty, sourceEmpty: desired.length === 0 },
    steps,
    warnings,
  );

  steps.sort((a, b) => compareKeys(a.key, b.key));
  deletes.sort((a, b) => compareKeysForDelete(a.key, b.key));
  const all = [...steps, ...deletes];
  return { steps: all, errors, warnings, summary: summarize(all) };
}

interface PruneRules {
  sourceId: string;
  prune: boolean;
  allowEmpty: boolean;
  sourceEmpty: boolean;
}

/**
 * Decides the fate of this source's objects that left it: delete steps (returned) when pruning is
 * on and allowed, otherwise an "unchanged" step in `kept` whose reason says why it stays.
 */
function pruneSteps(leftovers: readonly KubeObject[], rules: PruneRules, kept: PlanStep[], warnings: string[]) {
  const deletes: PlanStep[] = [];
  const emptyRefused = rules.sourceEmpty && !rules.allowEmpty && leftovers.length > 0;
  if (emptyRefused) {
    warnings.push(
      `the source yielded no objects; nothing is pruned (${leftovers.length} object(s) would be) unless empty sources are allowed`,
    );
  } else if (!rules.prune && leftovers.length > 0) {
    warnings.push(`${leftovers.length} object(s) left the source and are kept; prune to delete them`);
  }
  for (const obj of leftovers) {
    // Already being deleted: nothing to decide.
    if (obj.metadata.deletionTimestamp) continue;
    const key = keyOf(obj);
    const keep = (reason: string) => kept.push(step(key, "unchanged", null, obj, obj, reason, {}, []));
    if (pruneDisabled(obj)) keep(`left the source, but is annotated ${PRUNE_ANNOTATION}: "false"; kept`);
    else if (emptyRefused) keep("left the source, which yielded no objects; pruning an empty source is not allowed");
    else if (!rules.prune) keep("left the source; kept because pruning is off");
    else {
      const reason = `left source "${rules.sourceId}"`;
      deletes.push(step(key, "delete", null, obj, null, reason, {}, compareObjects(obj, null)));
    }
  }
  return deletes;
}

function step(
  key: ObjectKey,
  action: PlanStep["action"],
  desired: KubeObject | null,
  live: KubeObject | null,
  predicted: KubeObject | null,
  reason: string,
  entry: Partial<DesiredObject>,
  patch: PlanStep["patch"],
): PlanStep {
  const s: PlanStep = { key, action, desired, live, predicted, patch, strategicPatch: null, reason };
  if (entry.source) s.source = entry.source;
  return s;
}

/** Names the changed fields (`spec.replicas, metadata.labels`), the last-applied record last. */
function describeChange(operations: PlanStep["patch"]): string {
  const annotationPath = `/metadata/annotations/${LAST_APPLIED_ANNOTATION.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  const fields = new Set<string>();
  for (const op of operations) {
    if (op.path === annotationPath) continue;
    // The field path down to the first list index: `spec.template.spec.containers`, `spec.replicas`.
    const segments = op.path.split("/").slice(1);
    const end = segments.findIndex((p) => /^\d+$/.test(p));
    const parts = (end < 0 ? segments : segments.slice(0, end)).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    fields.add(parts.join("."));
  }
  if (fields.size === 0) return "only the last-applied configuration changed";
  const list = [...fields];
  const shown = list.slice(0, 4).join(", ");
  return list.length > 4 ? `changed: ${shown} and ${list.length - 4} more` : `changed: ${shown}`;
}

function summarize(steps: readonly PlanStep[]): PlanSummary {
  const summary: PlanSummary = { create: 0, patch: 0, delete: 0, unchanged: 0 };
  for (const s of steps) summary[s.action]++;
  return summary;
}

/** `2 to create, 1 to patch, 1 to delete`, leaving out zeros; `no changes` when all are zero. */
export function formatSummary(of: Plan | PlanSummary): string {
  const summary = "summary" in of ? of.summary : of;
  const parts: string[] = [];
  if (summary.create) parts.push(`${summary.create} to create`);
  if (summary.patch) parts.push(`${summary.patch} to patch`);
  if (summary.delete) parts.push(`${summary.delete} to delete`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

function hasControllerOwner(obj: KubeObject): boolean {
  return obj.metadata.ownerReferences?.some((ref) => ref.controller === true) ?? false;
}
