/**
 * apply(): runs a plan through the Client, step by step, in the plan's order, recording a result per
 * step instead of stopping at the first failure.
 *
 * Patches are sent as the three-way strategic merge patch (what `kubectl apply` sends), not as a
 * full update: the patch names only the fields the manifest owns, so fields other writers own
 * (status, replicas after `scale`, controllers' annotations) are never overwritten with a stale
 * copy. The patch carries the live resourceVersion the plan was computed from as a precondition,
 * so a concurrent change fails with Conflict; the step then re-reads the object, recomputes the
 * patch against it and retries (bounded).
 */
import { isSlipwayError, SlipwayError } from "../api/errors.js";
import type { Client } from "../api/index.js";
import { formatKey, type KubeObject, type ObjectKey } from "../api/object.js";
import { sourceOf } from "./ownership.js";
import { predictChange } from "./predict.js";
import type { Plan, PlanAction, PlanStep } from "./types.js";

export type StepOutcome = "applied" | "failed" | "skipped";

export interface StepResult {
  key: ObjectKey;
  action: PlanAction;
  outcome: StepOutcome;
  error?: string;
  /** The object's resourceVersion after the step, when the step wrote (or found) it. */
  resourceVersion?: string;
  /** How many writes were tried (more than 1 after conflicts). */
  attempts?: number;
}

export interface ApplyResult {
  /** One result per plan step, in plan order. */
  steps: StepResult[];
  applied: number;
  failed: number;
  skipped: number;
}

export interface ApplyOptions {
  /**
   * Send writes with dryRun (the server validates, nothing is stored); deletes are only checked.
   * Creates inside a namespace the same plan creates are not sent (the namespace will not exist);
   * plan() has already validated them.
   */
  dryRun?: boolean;
  /** Called after each step as it completes (in plan order when concurrency is 1), for progress output. */
  onStep?: (result: StepResult, step: PlanStep) => void;
  /**
   * How many steps of one kind run at once (default 16). Kinds still run one after another in the
   * plan's order; 1 runs every step strictly in order.
   */
  concurrency?: number;
  /** How many times a patch is retried after a Conflict (default 5). */
  maxConflictRetries?: number;
}

/**
 * Executes `plan`. Throws SlipwayError("Invalid") without writing anything when the plan has
 * errors; otherwise resolves with one result per step, in plan order (failures included), and never
 * rejects for a failed step. Kinds are written in the plan's order; steps of one kind concurrently.
 */
export async function apply(plan: Plan, client: Client, options: ApplyOptions = {}): Promise<ApplyResult> {
  if (plan.errors.length > 0) {
    const list = plan.errors.map((e) => e.message).join("; ");
    throw new SlipwayError("Invalid", `the plan has ${plan.errors.length} error(s) and was not applied: ${list}`, {
      hint: "fix the manifests (or the conflicting objects) and plan again",
    });
  }
  const { dryRun = false, onStep, maxConflictRetries = 5, concurrency = 16 } = options;
  const results: StepResult[] = new Array(plan.steps.length);
  // A dry run creates no namespace, so the server cannot check objects meant to go into one.
  const newNamespaces = new Set(
    plan.steps.filter((s) => s.action === "create" && s.key.kind === "Namespace").map((s) => s.key.name),
  );
  if (!dryRun) await preflight(plan.steps, client, newNamespaces, maxConflictRetries);
  const runOne = async (index: number) => {
    const step = plan.steps[index]!;
    let result: StepResult;
    try {
      if (dryRun && step.action === "create" && newNamespaces.has(step.key.namespace)) {
        result = { key: step.key, action: step.action, outcome: "applied" };
      } else {
        result = await runStep(step, client, dryRun, maxConflictRetries);
      }
    } catch (error) {
      result = { key: step.key, action: step.action, outcome: "failed", error: messageOf(error) };
    }
    results[index] = result;
    onStep?.(result, step);
  };
  for (const wave of waves(plan.steps)) {
    let next = 0;
    const worker = async () => {
      while (next < wave.length) await runOne(wave[next++]!);
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, wave.length)) }, worker));
  }
  return {
    steps: results,
    applied: results.filter((r) => r.outcome === "applied").length,
    failed: results.filter((r) => r.outcome === "failed").length,
    skipped: results.filter((r) => r.outcome === "skipped").length,
  };
}

/**
 * Kinds whose writes the server can refuse for reasons no manifest shows (a clusterIP or nodePort
 * another Service holds). Their steps are tried as server-side dry runs before anything is written,
 * so such a refusal refuses the whole plan, like an invalid manifest does.
 */
const SERVER_CHECKED_KINDS = new Set(["Service"]);

async function preflight(
  steps: readonly PlanStep[],
  client: Client,
  newNamespaces: ReadonlySet<string>,
  retries: number,
): Promise<void> {
  const checked = steps.filter(
    (s) =>
      SERVER_CHECKED_KINDS.has(s.key.kind) &&
      (s.action === "create" || s.action === "patch") &&
      !newNamespaces.has(s.key.namespace),
  );
  const refusals: string[] = [];
  await Promise.all(
    checked.map(async (step) => {
      try {
        await runStep(step, client, true, retries);
      } catch (error) {
        refusals.push(`${formatKey(step.key)}: ${messageOf(error)}`);
      }
    }),
  );
  if (refusals.length > 0) {
    throw new SlipwayError("Invalid", `the server refused ${refusals.join("; ")}; nothing was applied`, {
      hint: "choose another value (or remove it to have one allocated) and apply again",
    });
  }
}

/**
 * Splits the plan's step indexes into waves of one kind and direction (writes or deletes). Waves run
 * one after another, so the kind order holds (a namespace exists before what lives in it); steps
 * inside a wave are independent and run concurrently.
 */
function waves(steps: readonly PlanStep[]): number[][] {
  const out: number[][] = [];
  let previous = "";
  steps.forEach((step, index) => {
    const id = `${step.action === "delete" ? "-" : "+"}${step.key.kind}`;
    if (id !== previous || out.length === 0) out.push([]);
    out[out.length - 1]!.push(index);
    previous = id;
  });
  return out;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function done(step: PlanStep, outcome: StepOutcome, obj?: KubeObject, attempts?: number): StepResult {
  const result: StepResult = { key: step.key, action: step.action, outcome };
  const version = obj?.metadata.resourceVersion;
  if (version !== undefined) result.resourceVersion = version;
  if (attempts !== undefined) result.attempts = attempts;
  return result;
}

async function runStep(step: PlanStep, client: Client, dryRun: boolean, retries: number): Promise<StepResult> {
  const write = dryRun ? { dryRun: true } : {};
  const { kind, namespace, name } = step.key;
  switch (step.action) {
    case "unchanged":
      return done(step, "skipped", step.live ?? undefined);
    case "create": {
      if (!step.desired) throw new Error(`create step for ${formatKey(step.key)} has no desired object`);
      return done(step, "applied", await client.create(step.desired, write), 1);
    }
    case "delete": {
      const uid = step.live?.metadata.uid;
      if (dryRun) {
        const current = await client.get(kind, namespace, name);
        if (uid !== undefined && current.metadata.uid !== uid) throw recreated(step.key);
        return done(step, "applied", current);
      }
      try {
        await client.delete(kind, namespace, name, uid === undefined ? {} : { uid });
      } catch (error) {
        // Already gone is what we wanted; a uid mismatch (Conflict) means it was recreated: leave it.
        if (isSlipwayError(error, "NotFound")) return done(step, "skipped");
        if (isSlipwayError(error, "Conflict")) throw recreated(step.key);
        throw error;
      }
      return done(step, "applied", undefined, 1);
    }
    case "patch":
      return patchWithRetry(step, client, write, retries);
  }
}

function recreated(key: ObjectKey): SlipwayError {
  return new SlipwayError("Conflict", `${formatKey(key)} was recreated since the plan was made; not deleted`);
}

async function patchWithRetry(
  step: PlanStep,
  client: Client,
  write: { dryRun?: boolean },
  retries: number,
): Promise<StepResult> {
  const { desired } = step;
  let live = step.live;
  if (!desired || !live) throw new Error(`patch step for ${formatKey(step.key)} needs desired and live objects`);
  const { kind, namespace, name } = step.key;
  for (let attempt = 1; ; attempt++) {
    const change = predictChange(desired, live);
    if (!change.changed) return done(step, "skipped", live, attempt - 1);
    const body = withPrecondition(change.strategicPatch, live.metadata.resourceVersion);
    try {
      return done(step, "applied", await client.patch(kind, namespace, name, body, "strategic", write), attempt);
    } catch (error) {
      if (!isSlipwayError(error, "Conflict") || attempt > retries) throw error;
    }
    live = await client.get(kind, namespace, name);
    const owner = sourceOf(live);
    const planned = sourceOf(desired);
    if (owner !== undefined && owner !== planned) {
      throw new SlipwayError("Conflict", `${formatKey(step.key)} now belongs to source "${owner}"; not patched`);
    }
  }
}

/** The patch with `metadata.resourceVersion` set, which makes the write fail if the object moved on. */
function withPrecondition(patch: Record<string, unknown>, resourceVersion: string | undefined) {
  if (resourceVersion === undefined) return patch;
  const metadata = (patch.metadata ?? {}) as Record<string, unknown>;
  return { ...patch, metadata: { ...metadata, resourceVersion } };
}
