/**
 * What one patch would do: the three-way strategic patch for a desired object against a live one,
 * and the object the server would end up with. Shared by plan (to decide) and apply (to recompute
 * after a conflict).
 */
import jsonpatch, { type Operation } from "fast-json-patch";
import { withDefaults } from "../api/defaults/index.js";
import type { KubeObject } from "../api/object.js";
import { applyStrategicMergePatch, createThreeWayMergePatch, deepEqual } from "../api/strategic-merge.js";
import { LAST_APPLIED_ANNOTATION, lastAppliedOf } from "./ownership.js";
import { foldStringData } from "./secret-data.js";

export interface PredictedChange {
  /** The strategic merge patch to send; `{}` when nothing changes. */
  strategicPatch: Record<string, unknown>;
  /** live with the patch applied and the server's defaults filled in. */
  predicted: KubeObject;
  /** live with the server's defaults filled in (live itself when the patch is empty). */
  normalizedLive: KubeObject;
  changed: boolean;
  /** RFC 6902 operations from normalizedLive to predicted. */
  operations: Operation[];
}

/** Predicts the result of applying `desired` (already stamped) over `live`. Pure. */
export function predictChange(desired: KubeObject, live: KubeObject): PredictedChange {
  const record = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  // The same record as last time means the manifest dropped nothing: only additions remain to check.
  const unchangedRecord = record !== undefined && record === desired.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  const strategicPatch = createThreeWayMergePatch({
    kind: desired.kind,
    lastApplied: unchangedRecord ? null : foldStringData(lastAppliedOf(live)),
    desired,
    live,
  });
  // Nothing to send is the common case of a resync: the result is live itself.
  if (Object.keys(strategicPatch).length === 0) {
    return { strategicPatch, predicted: live, normalizedLive: live, changed: false, operations: [] };
  }
  const normalizedLive = withDefaults(live);
  const merged = applyStrategicMergePatch(desired.kind, live, strategicPatch) as KubeObject;
  const predicted = withDefaults(merged);
  const changed = !deepEqual(predicted, normalizedLive);
  const operations = changed ? jsonpatch.compare(normalizedLive, predicted) : [];
  return { strategicPatch, predicted, normalizedLive, changed, operations };
}

/**
 * RFC 6902 operations between two whole objects, null standing for "no object": a create is one
 * `add` of the whole document (path ""), a delete the removal of every top-level field.
 */
export function compareObjects(from: KubeObject | null, to: KubeObject | null): Operation[] {
  if (from === null && to !== null) return [{ op: "add", path: "", value: to }];
  return jsonpatch.compare(from ?? {}, to ?? {});
}
