/** Small imperative commands: delete, label, scale. Each goes through the Client like any writer. */
import type { Client } from "../../api/client.js";
import { SlipwayError } from "../../api/errors.js";
import { objectName } from "../output/format.js";
import { type CommandResult, ok } from "../result.js";
import { mustResolveKind } from "./get.js";

export interface TargetOptions {
  namespace?: string;
}

function namespaceFor(namespaced: boolean, options: TargetOptions): string {
  return namespaced ? (options.namespace ?? "default") : "";
}

export async function deleteCommand(
  client: Client,
  kindWord: string,
  names: string[],
  options: TargetOptions & { cascade?: "background" | "foreground" | "orphan" },
): Promise<CommandResult> {
  const info = mustResolveKind(kindWord);
  if (names.length === 0) throw new SlipwayError("Usage", "delete needs at least one NAME, or -f PATH");
  const policy = options.cascade ?? "background";
  const propagationPolicy = (policy[0]!.toUpperCase() + policy.slice(1)) as "Background" | "Foreground" | "Orphan";
  const lines: string[] = [];
  for (const name of names) {
    const obj = await client.get(info.kind, namespaceFor(info.namespaced, options), name);
    await client.delete(info.kind, namespaceFor(info.namespaced, options), name, { propagationPolicy });
    lines.push(`${objectName(obj)} deleted`);
  }
  return ok(lines.join("\n"));
}

/** Parses `key=value` (set) and `key-` (remove) arguments, as kubectl label does. */
export function parseLabelArgs(args: string[]): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const arg of args) {
    if (arg.endsWith("-") && !arg.includes("=")) changes[arg.slice(0, -1)] = null;
    else {
      const at = arg.indexOf("=");
      if (at <= 0) throw new SlipwayError("Usage", `invalid label "${arg}": expected key=value or key-`);
      changes[arg.slice(0, at)] = arg.slice(at + 1);
    }
  }
  return changes;
}

export async function labelCommand(
  client: Client,
  kindWord: string,
  name: string,
  args: string[],
  options: TargetOptions & { overwrite?: boolean },
): Promise<CommandResult> {
  const info = mustResolveKind(kindWord);
  const namespace = namespaceFor(info.namespaced, options);
  const changes = parseLabelArgs(args);
  if (Object.keys(changes).length === 0) throw new SlipwayError("Usage", "label needs at least one key=value or key-");
  const live = await client.get(info.kind, namespace, name);
  for (const [key, value] of Object.entries(changes)) {
    const current = live.metadata.labels?.[key];
    if (value !== null && current !== undefined && current !== value && !options.overwrite) {
      throw new SlipwayError("Usage", `'${key}' already has a value (${current}), and --overwrite is false`);
    }
  }
  const patch = { metadata: { labels: changes, resourceVersion: live.metadata.resourceVersion } };
  const updated = await client.patch(info.kind, namespace, name, patch, "merge");
  return ok(`${objectName(updated)} labeled`);
}

const SCALABLE = new Set(["ReplicationController", "ReplicaSet", "Deployment"]);

export async function scaleCommand(
  client: Client,
  kindWord: string,
  name: string,
  replicas: number,
  options: TargetOptions,
): Promise<CommandResult> {
  const info = mustResolveKind(kindWord);
  if (!SCALABLE.has(info.kind)) throw new SlipwayError("Usage", `${info.resource} cannot be scaled`);
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new SlipwayError("Usage", `--replicas must be a non-negative integer, got ${replicas}`);
  }
  const updated = await client.patch(
    info.kind,
    namespaceFor(info.namespaced, options),
    name,
    {
      spec: { replicas },
    },
    "merge",
  );
  return ok(`${objectName(updated)} scaled`);
}
