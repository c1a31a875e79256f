/** Secret defaults: type Opaque, and the write-only `stringData` folded into `data`. */
import type { KubeObject } from "../object.js";
import { isRecord, setDefault } from "./shape.js";

/**
 * Sets type Opaque and moves every string in `stringData` into `data` as base64, where it wins
 * over a `data` entry of the same key (as the Kubernetes API server does), then drops stringData.
 * A stringData or data that is not a map is left for validation to report.
 */
export function defaultSecret(obj: KubeObject): void {
  setDefault(obj, "type", "Opaque");
  const { stringData } = obj;
  if (!isRecord(stringData)) return;
  if (obj.data === undefined || obj.data === null) obj.data = {};
  const data = obj.data;
  if (!isRecord(data)) return;
  const entries = Object.entries(stringData);
  if (entries.some(([, value]) => typeof value !== "string")) return;
  for (const [key, value] of entries) data[key] = Buffer.from(value as string, "utf8").toString("base64");
  delete obj.stringData;
}
