/**
 * kubectl's columns per kind: what `get` prints, and what the API server returns as a `Table`.
 * Pure; each kind's printer lives in its own small file.
 */
import { age } from "../age.js";
import type { KubeObject } from "../object.js";
import { configColumns, eventColumns, namespaceColumns, nodeColumns, secretColumns } from "./cluster.js";
import { podColumns } from "./pod.js";
import { endpointsColumns, serviceColumns } from "./service.js";
import { deploymentColumns, replicaColumns } from "./workloads.js";

export interface Column {
  header: string;
  /** Shown only with `-o wide`. */
  wide?: boolean;
  value(obj: KubeObject, now: number): string;
}

const ageColumn: Column = { header: "AGE", value: (o, now) => age(o.metadata.creationTimestamp, now) };

const byKind: Record<string, Column[]> = {
  Pod: podColumns(ageColumn),
  ReplicationController: replicaColumns(ageColumn),
  ReplicaSet: replicaColumns(ageColumn),
  Deployment: deploymentColumns(ageColumn),
  Service: serviceColumns(ageColumn),
  Endpoints: endpointsColumns(ageColumn),
  ConfigMap: configColumns(ageColumn),
  Secret: secretColumns(ageColumn),
  Namespace: namespaceColumns(ageColumn),
  Node: nodeColumns(ageColumn),
  Event: eventColumns(),
};

const nameColumn: Column = { header: "NAME", value: (o) => o.metadata.name ?? "" };
const namespaceColumn: Column = { header: "NAMESPACE", value: (o) => o.metadata.namespace ?? "" };

export interface ColumnOptions {
  wide?: boolean;
  /** Adds NAMESPACE first, as `kubectl get -A` does. */
  withNamespace?: boolean;
}

/** The columns kubectl prints for kind; unknown kinds get NAME and AGE. */
export function columnsFor(kind: string, { wide = false, withNamespace = false }: ColumnOptions = {}): Column[] {
  const own = byKind[kind] ?? [ageColumn];
  const columns = [...(kind === "Event" ? [] : [nameColumn]), ...own.filter((c) => wide || !c.wide)];
  return withNamespace ? [namespaceColumn, ...columns] : columns;
}

/** Rows of cell text for objects, in the order of columns. */
export function tableRows(columns: Column[], objects: KubeObject[], now: number = Date.now()): string[][] {
  return objects.map((o) => columns.map((c) => c.value(o, now)));
}
