/** `slipway get KIND [NAME...]`: tables like kubectl's, or json/yaml/name for scripts. */
import type { Client } from "../../api/client.js";
import { columnsFor, tableRows } from "../../api/columns/index.js";
import { SlipwayError } from "../../api/errors.js";
import { type KindInfo, resolveKind } from "../../api/kinds.js";
import type { KubeObject } from "../../api/object.js";
import { asDocument, formatData, type OutputFormat, objectName } from "../output/format.js";
import { renderTable } from "../output/table.js";
import { type CommandResult, ok } from "../result.js";

export interface GetOptions {
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  output?: OutputFormat;
}

export function mustResolveKind(word: string): KindInfo {
  const info = resolveKind(word);
  if (!info) {
    throw new SlipwayError("Usage", `the server doesn't have a resource type "${word}"`, {
      hint: "see `slipway get --help` for the kinds and their short names",
    });
  }
  return info;
}

/** Renders objects in the requested format; shared by get, watch and apply's output. */
export function renderObjects(info: KindInfo, objects: KubeObject[], options: GetOptions, single: boolean): string {
  const format = options.output ?? "table";
  if (format === "json" || format === "yaml") return formatData(asDocument(objects, single), format);
  if (format === "name") return objects.map(objectName).join("\n");
  const columns = columnsFor(info.kind, {
    wide: format === "wide",
    withNamespace: options.allNamespaces === true && info.namespaced,
  });
  return renderTable(
    columns.map((c) => c.header),
    tableRows(columns, objects),
  );
}

export async function getCommand(
  client: Client,
  kindWord: string,
  names: string[],
  options: GetOptions,
): Promise<CommandResult> {
  const info = mustResolveKind(kindWord);
  const namespace = info.namespaced && !options.allNamespaces ? (options.namespace ?? "default") : "";
  let objects: KubeObject[];
  if (names.length > 0) {
    objects = await Promise.all(names.map((name) => client.get(info.kind, namespace, name)));
  } else {
    const list = await client.list(info.kind, {
      namespace,
      ...(options.selector ? { labelSelector: options.selector } : {}),
    });
    objects = list.items;
  }
  if (objects.length === 0 && (options.output ?? "table") !== "json" && options.output !== "yaml") {
    const where = namespace ? ` in ${namespace} namespace` : "";
    return { output: "", exitCode: 0, notes: `No resources found${where}.` };
  }
  return ok(renderObjects(info, objects, options, names.length === 1));
}
