/**
 * Kubernetes `Table` responses (meta.k8s.io/v1), which kubectl asks for on `get` with
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. The API server answers with a Table only
 * when it was given a TableProvider; otherwise it sends the plain list and kubectl falls back to
 * its own default columns.
 */
import type { KubeObject } from "../api/object.js";

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: unknown[];
  object: { kind: "PartialObjectMetadata"; apiVersion: "meta.k8s.io/v1"; metadata: KubeObject["metadata"] };
}

export interface Table {
  kind: "Table";
  apiVersion: "meta.k8s.io/v1";
  metadata: { resourceVersion?: string };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/**
 * Builds the Table for objects of one kind. Columns only `-o wide` shows carry priority 1; kubectl
 * hides them unless asked, so one Table serves both.
 */
export type TableProvider = (kind: string, objects: KubeObject[]) => Table;

/** The shape of a column provider (`columnsFor(kind, wide)` in src/api/columns.ts). */
export interface ColumnSet {
  headers: readonly string[];
  row(obj: KubeObject): readonly unknown[];
}

/**
 * Adapts a column provider into a TableProvider: the wide columns make the table, and those absent
 * from the narrow set get priority 1. The first column is the name, as kubectl expects.
 */
export function tableProviderFromColumns(columnsFor: (kind: string, wide: boolean) => ColumnSet): TableProvider {
  return (kind, objects) => {
    const narrow = new Set(columnsFor(kind, false).headers);
    const columns = columnsFor(kind, true);
    return {
      kind: "Table",
      apiVersion: "meta.k8s.io/v1",
      metadata: {},
      columnDefinitions: columns.headers.map((header, i) => ({
        name: titleCase(header),
        type: "string",
        format: i === 0 ? "name" : "",
        description: "",
        priority: narrow.has(header) ? 0 : 1,
      })),
      rows: objects.map((obj) => ({
        cells: [...columns.row(obj)],
        object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata },
      })),
    };
  };
}

function titleCase(header: string): string {
  return header
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) => (w ? w[0]?.toUpperCase() + w.slice(1) : w))
    .join(" ");
}

/** True when an Accept header asks for a Table (kubectl lists it first, with a JSON fallback). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? "").split(",").some((part) => /;\s*as=Table\b/.test(part) && /;\s*g=meta\.k8s\.io\b/.test(part));
}
