/**
 * `slipway get -w`: the current rows, then one row per change, as kubectl does; runs until the
 * signal aborts it. Resumes from the last seen version if the connection drops.
 */
import type { Client } from "../../api/client.js";
import { columnsFor, tableRows } from "../../api/columns/index.js";
import { isSlipwayError } from "../../api/errors.js";
import type { KubeObject } from "../../api/object.js";
import { formatData } from "../output/format.js";
import { renderTable } from "../output/table.js";
import { type CommandResult, ok } from "../result.js";
import { type GetOptions, mustResolveKind } from "./get.js";

export async function watchCommand(
  client: Client,
  kindWord: string,
  options: GetOptions,
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<CommandResult> {
  const info = mustResolveKind(kindWord);
  const namespace = info.namespaced && !options.allNamespaces ? (options.namespace ?? "default") : "";
  const selector = options.selector ? { labelSelector: options.selector } : {};
  const format = options.output ?? "table";
  const columns = columnsFor(info.kind, { wide: format === "wide", withNamespace: !namespace && info.namespaced });
  const widths = columns.map((c) => c.header.length + 8);
  const row = (obj: KubeObject) => {
    if (format === "json" || format === "yaml") return formatData(obj, format);
    return tableRows(columns, [obj])[0]!
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("")
      .trimEnd();
  };

  const list = await client.list(info.kind, { namespace, ...selector });
  if (format === "json" || format === "yaml") {
    for (const obj of list.items) write(row(obj));
  } else {
    write(
      renderTable(
        columns.map((c) => c.header),
        tableRows(columns, list.items),
      ),
    );
  }
  let version = list.resourceVersion;
  while (!signal.aborted) {
    const watch = client.watch(info.kind, { namespace, ...selector, resourceVersion: version }, (event) => {
      version = event.object.metadata.resourceVersion ?? version;
      write(row(event.object));
    });
    const stop = () => watch.stop();
    signal.addEventListener("abort", stop, { once: true });
    try {
      await watch.done;
    } catch (error) {
      // History gone: start over from a fresh list, as an informer would.
      if (!isSlipwayError(error, "Gone")) throw error;
      version = (await client.list(info.kind, { namespace, ...selector })).resourceVersion;
    } finally {
      signal.removeEventListener("abort", stop);
    }
  }
  return ok("");
}
