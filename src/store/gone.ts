import { SlipwayError } from "../api/errors.js";

/**
 * The error for a watch whose start is older than the kept history, worded as Kubernetes does
 * (`too old resource version: requested (oldest kept)`), so clients know to relist.
 */
export function goneError(requested: number, compacted: number): SlipwayError {
  return new SlipwayError("Gone", `too old resource version: ${requested} (${compacted})`, {
    hint: "list again and watch from the list's resourceVersion",
  });
}
