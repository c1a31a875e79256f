/**
 * `slipway describe KIND NAME`: a person's view of one object, in kubectl's layout: aligned
 * `Key:  value` lines, the kind's own sections, then the object's events.
 */
import { stringify } from "yaml";
import { age } from "../../api/age.js";
import type { Client } from "../../api/client.js";
import { podStatus } from "../../api/columns/pod.js";
import type { KubeObject } from "../../api/object.js";
import { renderTable } from "../output/table.js";
import { type CommandResult, ok } from "../result.js";
import { mustResolveKind } from "./get.js";

const HIDDEN_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

function mapLines(map: Record<string, string> | undefined, hidden = new Set<string>()): string {
  const entries = Object.entries(map ?? {}).filter(([k]) => !hidden.has(k));
  if (entries.length === 0) return "<none>";
  return entries.map(([k, v]) => `${k}=${v}`).join("\n              ");
}

function section(title: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const body = stringify(value, { lineWidth: 0 }).trimEnd();
  return [`${title}:`, ...body.split("\n").map((l) => `  ${l}`)];
}

function header(obj: KubeObject): string[] {
  const lines = [
    ["Name:", obj.metadata.name ?? ""],
    ...(obj.metadata.namespace ? [["Namespace:", obj.metadata.namespace]] : []),
    ["Labels:", mapLines(obj.metadata.labels)],
    ["Annotations:", mapLines(obj.metadata.annotations, HIDDEN_ANNOTATIONS)],
    ["CreationTimestamp:", obj.metadata.creationTimestamp ?? "<unknown>"],
  ];
  if (obj.metadata.deletionTimestamp) lines.push(["Status:", `Terminating (since ${obj.metadata.deletionTimestamp})`]);
  if (obj.metadata.ownerReferences?.length) {
    const owner = obj.metadata.ownerReferences.find((o) => o.controller) ?? obj.metadata.ownerReferences[0]!;
    lines.push(["Controlled By:", `${owner.kind}/${owner.name}`]);
  }
  return lines.map(([k, v]) => `${k!.padEnd(14)}${v}`);
}

function body(obj: KubeObject): string[] {
  const status = obj.status as Record<string, unknown> | undefined;
  if (obj.kind === "Pod") {
    const spec = obj.spec as Record<string, unknown> | undefined;
    return [
      `${"Node:".padEnd(14)}${String(spec?.nodeName ?? "<none>")}`,
      `${"Status:".padEnd(14)}${podStatus(obj)}`,
      `${"IP:".padEnd(14)}${String(status?.podIP ?? "<none>")}`,
      ...section("Containers", spec?.containers),
      ...section("Conditions", status?.conditions),
      ...section("Container Statuses", status?.containerStatuses),
    ];
  }
  const lines: string[] = [];
  if ("data" in obj) {
    const data = obj.data as Record<string, string> | undefined;
    const secret = obj.kind === "Secret";
    lines.push("Data", "====");
    for (const [key, value] of Object.entries(data ?? {})) {
      lines.push(secret ? `${key}:  ${Buffer.from(value, "base64").length} bytes` : `${key}:\n----\n${value}`);
    }
  }
  return [...lines, ...section("Spec", obj.spec), ...section("Status", status)];
}

async function events(client: Client, obj: KubeObject): Promise<string[]> {
  const list = await client.list("Event", { namespace: obj.metadata.namespace ?? "" });
  const mine = list.items.filter((e) => {
    const involved = e.involvedObject as { uid?: string; name?: string; kind?: string } | undefined;
    return involved?.uid
      ? involved.uid === obj.metadata.uid
      : involved?.name === obj.metadata.name && involved?.kind === obj.kind;
  });
  if (mine.length === 0) return ["Events:       <none>"];
  const rows = mine.map((e) => [
    String(e.type ?? "Normal"),
    String(e.reason ?? ""),
    age((e.lastTimestamp as string | undefined) ?? e.metadata.creationTimestamp),
    String((e.source as { component?: string } | undefined)?.component ?? ""),
    String(e.message ?? ""),
  ]);
  const table = renderTable(["Type", "Reason", "Age", "From", "Message"], rows);
  return ["Events:", ...table.split("\n").map((l) => `  ${l}`)];
}

export async function describeCommand(
  client: Client,
  kindWord: string,
  name: string,
  options: { namespace?: string },
): Promise<CommandResult> {
  const info = mustResolveKind(kindWord);
  const obj = await client.get(info.kind, info.namespaced ? (options.namespace ?? "default") : "", name);
  return ok([...header(obj), ...body(obj), ...(await events(client, obj))].join("\n"));
}
