/**
 * Secrets' `stringData` is write-only in Kubernetes: the server folds it into `data` (base64) and
 * never returns it. Comparing a manifest's stringData with live data would show a change forever,
 * so the sync engine folds it the same way before comparing, and sends `data` only.
 */
import { Buffer } from "node:buffer";
import type { KubeObject } from "../api/object.js";

/** A copy of a Secret with stringData folded into data (stringData wins); other objects as they are. */
export function foldStringData<T>(obj: T): T {
  if (typeof obj !== "object" || obj === null) return obj;
  const secret = obj as unknown as KubeObject;
  const stringData = secret.stringData;
  if (secret.kind !== "Secret" || typeof stringData !== "object" || stringData === null) return obj;
  const data: Record<string, unknown> = { ...(secret.data as Record<string, unknown> | undefined) };
  for (const [key, value] of Object.entries(stringData)) {
    if (typeof value === "string") data[key] = Buffer.from(value, "utf8").toString("base64");
  }
  const { stringData: _folded, ...rest } = secret;
  return { ...rest, data } as unknown as T;
}
