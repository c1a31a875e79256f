/** The data a plan is made of: inputs, steps, errors. A plan is plain data, printable and testable. */
import type { Operation } from "fast-json-patch";
import type { FieldError, SourcePosition } from "../api/errors.js";
import type { KubeObject, ObjectKey } from "../api/object.js";

/** One object a source yields, with where it was written (for messages). */
export interface DesiredObject {
  object: KubeObject;
  source?: SourcePosition;
}

export interface PlanInput {
  desired: readonly DesiredObject[];
  /** Every live object carrying this source's label, plus any live object with a desired key. */
  live: readonly KubeObject[];
  /** The identity recorded on every object from this source; pruning considers only these. */
  sourceId: string;
  /** Delete objects that left the source (default false: they are reported, not deleted). */
  prune?: boolean;
  /** Allow pruning when the source yields no object at all (default false: a safety net). */
  allowEmpty?: boolean;
  /**
   * Checks each object a create or patch would write (default: the API server's validation). Any
   * field error becomes a plan error, so an invalid manifest refuses the whole plan.
   */
  validate?: (next: KubeObject, previous: KubeObject | null) => FieldError[];
}

export type PlanAction = "create" | "patch" | "delete" | "unchanged";

export interface PlanStep {
  key: ObjectKey;
  action: PlanAction;
  /** The manifest, stamped with Slipway's labels and the last-applied annotation; null for deletes. */
  desired: KubeObject | null;
  live: KubeObject | null;
  /** What the object will look like afterwards, server defaults included; null for deletes. */
  predicted: KubeObject | null;
  /** RFC 6902 operations from the (defaulted) live object to predicted; a create is one `add` at "". */
  patch: Operation[];
  /** The strategic merge patch apply sends for a patch step; null for other actions. */
  strategicPatch: Record<string, unknown> | null;
  /** Why this step does what it does, for humans. */
  reason: string;
  source?: SourcePosition;
}

/** A problem that forbids executing the plan, about one object. */
export interface PlanError {
  key: ObjectKey;
  message: string;
  source?: SourcePosition;
  /** Set when the error is an invalid field of the object the step would write. */
  fieldError?: FieldError;
}

export interface PlanSummary {
  create: number;
  patch: number;
  delete: number;
  unchanged: number;
}

export interface Plan {
  /** Creates and patches (and unchanged objects) in kind order, then deletes in reverse kind order. */
  steps: PlanStep[];
  /** Non-empty means apply refuses the plan. */
  errors: PlanError[];
  warnings: string[];
  summary: PlanSummary;
}
