import type { KubeObject } from "../object.js";
import { arr, field, joinLabels, num, record } from "./fields.js";
import type { Column } from "./index.js";

function containers(obj: KubeObject): Record<string, unknown>[] {
  return arr(obj, "spec.template.spec.containers");
}

/** RC and ReplicaSet selectors differ in shape: a map, or matchLabels/matchExpressions. */
function selectorText(obj: KubeObject): string {
  const selector = record(obj, "spec.selector");
  if ("matchLabels" in selector || "matchExpressions" in selector) {
    const parts = Object.entries(record(selector, "matchLabels")).map(([k, v]) => `${k}=${String(v)}`);
    for (const e of arr(selector, "matchExpressions")) {
      const values = Array.isArray(e.values) ? e.values.join(",") : "";
      if (e.operator === "In") parts.push(`${String(e.key)} in (${values})`);
      else if (e.operator === "NotIn") parts.push(`${String(e.key)} notin (${values})`);
      else if (e.operator === "Exists") parts.push(String(e.key));
      else if (e.operator === "DoesNotExist") parts.push(`!${String(e.key)}`);
    }
    return parts.length ? parts.join(",") : "<none>";
  }
  return joinLabels(selector);
}

function wideColumns(): Column[] {
  return [
    {
      header: "CONTAINERS",
      wide: true,
      value: (o) =>
        containers(o)
          .map((c) => String(c.name))
          .join(","),
    },
    {
      header: "IMAGES",
      wide: true,
      value: (o) =>
        containers(o)
          .map((c) => String(c.image))
          .join(","),
    },
    { header: "SELECTOR", wide: true, value: selectorText },
  ];
}

function desired(obj: KubeObject): number {
  const replicas = field(obj, "spec.replicas");
  return typeof replicas === "number" ? replicas : 1;
}

export function replicaColumns(ageColumn: Column): Column[] {
  return [
    { header: "DESIRED", value: (o) => String(desired(o)) },
    { header: "CURRENT", value: (o) => String(num(o, "status.replicas")) },
    { header: "READY", value: (o) => String(num(o, "status.readyReplicas")) },
    ageColumn,
    ...wideColumns(),
  ];
}

export function deploymentColumns(ageColumn: Column): Column[] {
  return [
    { header: "READY", value: (o) => `${num(o, "status.readyReplicas")}/${desired(o)}` },
    { header: "UP-TO-DATE", value: (o) => String(num(o, "status.updatedReplicas")) },
    { header: "AVAILABLE", value: (o) => String(num(o, "status.availableReplicas")) },
    ageColumn,
    ...wideColumns(),
  ];
}
