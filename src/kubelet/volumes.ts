/**
 * Pod volumes on the host: every pod gets `<root>/pods/<uid>/volumes/<name>`. emptyDir is that
 * directory; configMap and secret are files the kubelet writes there (rewritten on every sync, so
 * changed data reaches running containers), mounted read-only; hostPath is the host path itself,
 * only when the node allows it. Removing the pod removes its directory.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import type { Container } from "../api/types/container.js";
import type { KeyToPath, Pod, Volume } from "../api/types/pod.js";
import { ConfigError, type DataReader } from "./env.js";
import type { Mount } from "./runtime/container-runtime.js";

export interface VolumeOptions {
  root: string;
  allowHostPath: boolean;
  reader: DataReader;
}

export function podDir(root: string, uid: string): string {
  return join(root, "pods", uid);
}

/**
 * Writes the files in place and removes entries no longer wanted. The directory itself is never
 * replaced: running containers have it bind-mounted, and a new directory would stay invisible to them.
 */
async function writeItems(dir: string, data: Record<string, string>, items: KeyToPath[] | undefined, what: string) {
  await mkdir(dir, { recursive: true });
  const chosen: KeyToPath[] = items ?? Object.keys(data).map((key) => ({ key, path: key }));
  for (const item of chosen) {
    const value = data[item.key];
    if (value === undefined) throw new ConfigError(`${what}: key ${item.key} not found`);
    const path = normalize(join(dir, item.path));
    if (!path.startsWith(`${dir}/`)) throw new ConfigError(`${what}: path ${item.path} leaves the volume`);
    await mkdir(dirname(path), { recursive: true });
    const before = await readFile(path, "utf8").catch(() => undefined);
    if (before !== value) await writeFile(path, value, { mode: item.mode ?? 0o644 });
  }
  const wanted = new Set(chosen.map((item) => normalize(item.path).split("/")[0]));
  for (const entry of await readdir(dir)) {
    if (!wanted.has(entry)) await rm(join(dir, entry), { recursive: true, force: true });
  }
}

/** Prepares one volume and returns its host path. */
async function prepare(pod: Pod, volume: Volume, { root, allowHostPath, reader }: VolumeOptions): Promise<string> {
  const dir = join(podDir(root, pod.metadata.uid ?? ""), "volumes", volume.name);
  const namespace = pod.metadata.namespace ?? "default";
  if (volume.hostPath) {
    if (!allowHostPath) throw new ConfigError(`volume ${volume.name}: hostPath volumes are not allowed on this node`);
    return volume.hostPath.path;
  }
  if (volume.configMap || volume.secret) {
    const kind = volume.configMap ? "ConfigMap" : "Secret";
    const name = volume.configMap?.name ?? volume.secret?.secretName ?? "";
    const source = volume.configMap ?? volume.secret;
    const data = await reader.data(kind, namespace, name);
    if (data === undefined && !source?.optional) {
      throw new ConfigError(`volume ${volume.name}: ${kind.toLowerCase()} "${name}" not found`);
    }
    await writeItems(dir, data ?? {}, source?.items, `volume ${volume.name}`);
    return dir;
  }
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Host paths of the pod's volumes by name, prepared on disk. */
export async function preparePodVolumes(pod: Pod, options: VolumeOptions): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  for (const volume of pod.spec.volumes ?? []) paths.set(volume.name, await prepare(pod, volume, options));
  return paths;
}

/** The container's mounts; configMap and secret volumes are always read-only. */
export function containerMounts(pod: Pod, container: Container, paths: Map<string, string>): Mount[] {
  return (container.volumeMounts ?? []).map((m) => {
    const hostPath = paths.get(m.name);
    if (hostPath === undefined) throw new ConfigError(`volumeMount ${m.name}: no volume of that name`);
    const volume = pod.spec.volumes?.find((v) => v.name === m.name);
    const readOnly = m.readOnly === true || volume?.configMap !== undefined || volume?.secret !== undefined;
    return {
      hostPath: m.subPath ? join(hostPath, m.subPath) : hostPath,
      containerPath: m.mountPath,
      ...(readOnly ? { readOnly: true } : {}),
    };
  });
}

export async function removePodDir(root: string, uid: string): Promise<void> {
  await rm(podDir(root, uid), { recursive: true, force: true });
}
