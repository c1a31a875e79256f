/** Machine-readable output: `-o json|yaml|name`, one object as itself, several as a `List`. */
import { stringify } from "yaml";
import { mustKindInfo } from "../../api/kinds.js";
import type { KubeObject } from "../../api/object.js";

export type OutputFormat = "table" | "wide" | "json" | "yaml" | "name";

export const OUTPUT_FORMATS: readonly OutputFormat[] = ["wide", "json", "yaml", "name"];

export function asDocument(objects: KubeObject[], single: boolean): unknown {
  if (single && objects.length === 1) return objects[0];
  return { apiVersion: "v1", kind: "List", metadata: { resourceVersion: "" }, items: objects };
}

export function formatData(data: unknown, format: "json" | "yaml"): string {
  return format === "json" ? JSON.stringify(data, null, 4) : stringify(data, { lineWidth: 0 }).trimEnd();
}

/** `deployment.apps/web`, `pod/web-x7k2p`: kubectl's `-o name`. */
export function objectName(obj: KubeObject): string {
  const info = mustKindInfo(obj.kind);
  const resource = info.group ? `${info.singular}.${info.group}` : info.singular;
  return `${resource}/${obj.metadata.name ?? ""}`;
}
