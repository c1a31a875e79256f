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

/** One column as src/api/columns gives it: `columnsFor(kind, { wide })` returns a list of these. */
export interface TableColumn {
  header: string;
  /** Shown only with `-o wide`. */
  wide?: boolean;
  value(obj: KubeObject, now: number): string;
}

/**
 * Adapts the column provider (`columnsFor` of src/api/columns) into a TableProvider: the wide
 * column set makes the table, wide-only columns get priority 1, and the NAME column is marked as
 * the name. kubectl adds NAMESPACE for `-A` itself, from each row's object metadata.
 */
export function tableProviderFromColumns(
  columnsFor: (kind: string, options: { wide: boolean }) => readonly TableColumn[],
  now: () => number = Date.now,
): TableProvider {
  return (kind, objects) => {
    const columns = columnsFor(kind, { wide: true });
    const at = now();
    return {
      kind: "Table",
      apiVersion: "meta.k8s.io/v1",
      metadata: {},
      columnDefinitions: columns.map((column) => ({
        name: titleCase(column.header),
        type: "string",
        format: column.header === "NAME" ? "name" : "",
        description: "",
        priority: column.wide ? 1 : 0,
      })),
      rows: objects.map((obj) => ({
        cells: columns.map((column) => column.value(obj, at)),
        object: { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata },
      })),
    };
  };
}

/** "UP-TO-DATE" -> "Up-to-date", as Kubernetes names Table columns; kubectl upper-cases them back. */
function titleCase(header: string): string {
  return header
    .toLowerCase()
    .split(" ")
    .map((w) => (w[0]?.toUpperCase() ?? "") + w.slice(1))
    .join(" ");
}

/** True when an Accept header asks for a Table (kubectl lists it first, with a JSON fallback). */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? "").split(",").some((part) => /;\s*as=Table\b/.test(part) && /;\s*g=meta\.k8s\.io\b/.test(part));
}
