/**
 * The outcome of one plugin for one node. Expected outcomes (the pod does not fit) are values, never
 * exceptions, so that filtering thousands of nodes costs no stack unwinding.
 */
export type StatusCode = "Success" | "Unschedulable" | "UnschedulableAndUnresolvable";

export interface Status {
  readonly code: StatusCode;
  /** Kubernetes' wording, one entry per reason ("Insufficient cpu"); counted per node in the failure message. */
  readonly reasons: readonly string[];
}

/** The one success value: plugins return it instead of allocating. */
export const SUCCESS: Status = Object.freeze({ code: "Success", reasons: Object.freeze([]) as readonly string[] });

/** An unschedulable status; plugins build their fixed ones once at module load. */
export function unschedulable(...reasons: string[]): Status {
  return Object.freeze({ code: "Unschedulable", reasons: Object.freeze(reasons) });
}

/** Like unschedulable, for conditions no change of other pods can fix (a label mismatch, a taint). */
export function unresolvable(...reasons: string[]): Status {
  return Object.freeze({ code: "UnschedulableAndUnresolvable", reasons: Object.freeze(reasons) });
}

export function isSuccess(status: Status): boolean {
  return status.code === "Success";
}
