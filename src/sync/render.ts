/**
 * Renders a plan as kubectl diff does: one unified diff of YAML per object, live on the left and the
 * predicted result on the right, without server bookkeeping fields or the last-applied annotation
 * (it restates the manifest, whose real changes the diff already shows), with Secret values
 * masked. Colour only when asked for.
 */
import { structuredPatch } from "diff";
import { dump } from "js-yaml";
import { kindInfo } from "../api/kinds.js";
import type { KubeObject, ObjectKey } from "../api/object.js";
import { maskSecretPair } from "./mask.js";
import { LAST_APPLIED_ANNOTATION } from "./ownership.js";
import { formatSummary } from "./plan.js";
import type { Plan, PlanStep } from "./types.js";

export interface RenderOptions {
  /** ANSI colour: green additions, red removals, cyan hunk headers, bold file headers. */
  color?: boolean;
  /** Lines of context around each change (default 3). */
  context?: number;
}

const NOISE = ["resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink"] as const;

const ANSI = { bold: "\x1b[1m", red: "\x1b[31m", green: "\x1b[32m", cyan: "\x1b[36m", reset: "\x1b[0m" };

/** kubectl's diff file name for an object: `apps.v1.Deployment.default.web`, `v1.Namespace..shop`. */
export function diffName(key: ObjectKey, apiVersion?: string): string {
  const version = apiVersion ?? kindInfo(key.kind)?.apiVersion ?? "v1";
  return `${version.replace("/", ".")}.${key.kind}.${key.namespace}.${key.name}`;
}

/** A copy without the fields that would only add noise: server bookkeeping and the last-applied record. */
function withoutNoise(obj: KubeObject | null): KubeObject | null {
  if (!obj) return null;
  const copy = structuredClone(obj);
  const meta = copy.metadata as Record<string, unknown>;
  for (const field of NOISE) delete meta[field];
  const annotations = copy.metadata.annotations;
  if (annotations) {
    delete annotations[LAST_APPLIED_ANNOTATION];
    if (Object.keys(annotations).length === 0) delete copy.metadata.annotations;
  }
  return copy;
}

function toYaml(obj: KubeObject | null): string {
  return obj ? dump(obj, { noRefs: true, lineWidth: -1 }) : "";
}

/** The unified diff for one step; "" for unchanged steps. */
export function renderStep(step: PlanStep, options: RenderOptions = {}): string {
  if (step.action === "unchanged") return "";
  const { color = false, context = 3 } = options;
  const [before, after] = maskSecretPair(withoutNoise(step.live), withoutNoise(step.predicted));
  const name = diffName(step.key, (step.desired ?? step.live)?.apiVersion);
  const oldName = `/live/${name}`;
  const newName = `/merged/${name}`;
  const patch = structuredPatch(oldName, newName, toYaml(before), toYaml(after), undefined, undefined, { context });
  const paint = (code: string, text: string) => (color ? `${code}${text}${ANSI.reset}` : text);
  const lines = [
    paint(ANSI.bold, `diff -u -N ${oldName} ${newName}`),
    paint(ANSI.bold, `--- ${oldName}`),
    paint(ANSI.bold, `+++ ${newName}`),
  ];
  for (const hunk of patch.hunks) {
    // Unified diff numbers an empty range by the line before it: `@@ -0,0 +1,9 @@` for a new file.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    lines.push(paint(ANSI.cyan, `@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`));
    for (const line of hunk.lines) {
      if (line.startsWith("+")) lines.push(paint(ANSI.green, line));
      else if (line.startsWith("-")) lines.push(paint(ANSI.red, line));
      else lines.push(line);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Every changing step's diff, in plan order ("" when nothing changes). */
export function renderPlanDiff(plan: Plan, options: RenderOptions = {}): string {
  return plan.steps.map((s) => renderStep(s, options)).join("");
}

/** renderPlanDiff followed by the summary line (`1 to create` or `no changes`). */
export function renderPlan(plan: Plan, options: RenderOptions = {}): string {
  return `${renderPlanDiff(plan, options)}${formatSummary(plan.summary)}\n`;
}
