/** `set image`: changes container images of a Pod or of the pod template of a workload, as kubectl's. */
import type { Client } from "../../api/client.js";
import { isSlipwayError, SlipwayError } from "../../api/errors.js";
import type { KubeObject } from "../../api/object.js";
import type { PodSpec } from "../../api/types/pod.js";
import { objectName } from "../output/format.js";
import { type CommandResult, ok } from "../result.js";
import { mustResolveKind } from "./get.js";

const TEMPLATED = new Set(["Deployment", "ReplicaSet", "ReplicationController"]);

export interface SetImageOptions {
  namespace?: string;
}

/** The pod spec whose containers the command edits: the Pod's own, or the template's. */
function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const spec = obj.spec as { template?: { spec?: PodSpec } } | PodSpec | undefined;
  if (obj.kind === "Pod") return spec as PodSpec | undefined;
  return (spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec;
}

/**
 * Sets `images` (container name → image; `*` means every container) on `obj`, init containers
 * included. Mutates `obj`; returns whether anything changed. Throws Invalid naming a container
 * that does not exist.
 */
export function applyImages(obj: KubeObject, images: Record<string, string>): boolean {
  const spec = podSpecOf(obj);
  if (!spec) throw new SlipwayError("Invalid", `${objectName(obj)} has no pod template`);
  const containers = [...(spec.initContainers ?? []), ...spec.containers];
  let changed = false;
  for (const [name, image] of Object.entries(images)) {
    const targets = name === "*" ? containers : containers.filter((c) => c.name === name);
    if (targets.length === 0) throw new SlipwayError("Invalid", `unable to find container named "${name}"`);
    for (const container of targets) {
      if (container.image === image) continue;
      container.image = image;
      changed = true;
    }
  }
  return changed;
}

/**
 * Updates container images of a Deployment, ReplicaSet, ReplicationController or Pod
 * ("deployment.apps/web image updated"); prints nothing when every image already matches.
 * Written with the resourceVersion read, re-read and retried a few times on Conflict.
 */
export async function setImage(
  client: Client,
  kindWord: string,
  name: string,
  images: Record<string, string>,
  options: SetImageOptions = {},
): Promise<CommandResult> {
  const info = mustResolveKind(kindWord);
  if (!TEMPLATED.has(info.kind) && info.kind !== "Pod") {
    throw new SlipwayError("Usage", `${info.resource} has no container images to set`);
  }
  if (Object.keys(images).length === 0) throw new SlipwayError("Usage", "set image needs at least one CONTAINER=IMAGE");
  const namespace = options.namespace ?? "default";
  for (let attempt = 1; ; attempt++) {
    const obj = structuredClone(await client.get(info.kind, namespace, name));
    if (!applyImages(obj, images)) return ok("");
    try {
      await client.update(obj);
      return ok(`${objectName(obj)} image updated`);
    } catch (error) {
      if (!isSlipwayError(error) || error.code !== "Conflict" || attempt >= 5) throw error;
    }
  }
}

/** Parses `name=image` arguments; throws Usage for anything else. */
export function parseImageArgs(args: readonly string[]): Record<string, string> {
  const images: Record<string, string> = {};
  for (const arg of args) {
    const at = arg.indexOf("=");
    if (at <= 0 || at === arg.length - 1)
      throw new SlipwayError("Usage", `invalid image "${arg}": expected CONTAINER=IMAGE`);
    images[arg.slice(0, at)] = arg.slice(at + 1);
  }
  return images;
}

/**
 * Splits `set image` arguments: `KIND/NAME CONTAINER=IMAGE...` or `KIND NAME CONTAINER=IMAGE...`.
 * Throws Usage when no target or no image is given.
 */
export function setImageTarget(args: readonly string[]): {
  kindWord: string;
  name: string;
  images: Record<string, string>;
} {
  const [first = "", ...rest] = args;
  const slash = first.indexOf("/");
  let kindWord: string;
  let name: string | undefined;
  if (slash >= 0) [kindWord, name] = [first.slice(0, slash), first.slice(slash + 1)];
  else [kindWord, name] = [first, rest.shift()];
  if (!kindWord || !name || name.includes("=")) {
    throw new SlipwayError("Usage", "set image needs KIND/NAME (or KIND NAME) and then CONTAINER=IMAGE");
  }
  const images = parseImageArgs(rest);
  if (Object.keys(images).length === 0) throw new SlipwayError("Usage", "set image needs at least one CONTAINER=IMAGE");
  return { kindWord, name, images };
}
