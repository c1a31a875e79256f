/** Container lifecycle: start inside a sandbox, stop with a grace period, remove, list, inspect. */
import type { ContainerInspectInfo } from "dockerode";
import { isSlipwayError } from "../../api/errors.js";
import type {
  ContainerDetails,
  ContainerState,
  ContainerSummary,
  StartContainerOptions,
  StartContainerResult,
} from "../runtime/container-runtime.js";
import type { DockerClient } from "./client.js";
import { containerCreateOptions, cpuMillisFromQuota } from "./create-options.js";
import { dockerMessage } from "./errors.js";

const STATES: ReadonlySet<string> = new Set(["created", "running", "paused", "restarting", "exited", "dead"]);

function stateOf(text: string | undefined): ContainerState {
  return text && STATES.has(text) ? (text as ContainerState) : "unknown";
}

/** Docker's "never" time. */
function timeOrUndefined(text: string | undefined): string | undefined {
  return !text || text.startsWith("0001-01-01") ? undefined : text;
}

/** Creation failures throw; a start failure is a RunContainerError result with the container kept. */
export async function startContainer(
  client: DockerClient,
  options: StartContainerOptions,
): Promise<StartContainerResult> {
  const create = containerCreateOptions(options);
  const name = create.name ?? "";
  const container = await client.call(`create container ${name}`, (d) => d.createContainer(create));
  try {
    await client.call(`start container ${name}`, () => container.start());
  } catch (error) {
    if (isSlipwayError(error, "ServerUnreachable")) throw error;
    const message = isSlipwayError(error) ? dockerMessage(error.cause) : String(error);
    return { ok: false, id: container.id, name, reason: "RunContainerError", message };
  }
  return { ok: true, id: container.id, name };
}

/** Docker's stop does SIGTERM, waits `graceSeconds`, then SIGKILL. Stopped or gone: nothing to do. */
export async function stopContainer(client: DockerClient, id: string, graceSeconds: number): Promise<void> {
  const t = Math.max(0, Math.ceil(graceSeconds));
  try {
    await client.call(`stop container ${id}`, (d) => d.getContainer(id).stop({ t }));
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return;
    // 304: already stopped.
    if (isSlipwayError(error) && (error.cause as { statusCode?: number } | undefined)?.statusCode === 304) return;
    throw error;
  }
}

export async function removeContainer(client: DockerClient, id: string): Promise<void> {
  try {
    await client.call(`remove container ${id}`, (d) => d.getContainer(id).remove({ force: true, v: true }));
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return;
    // 409 "removal already in progress": someone else is removing it.
    if (isSlipwayError(error, "Conflict") && /already in progress/.test(error.message)) return;
    throw error;
  }
}

export async function listContainers(
  client: DockerClient,
  labels: Record<string, string | undefined>,
): Promise<ContainerSummary[]> {
  const label = Object.entries(labels).map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
  const list = await client.call("list containers", (d) => d.listContainers({ all: true, filters: { label } }));
  return list.map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? "").replace(/^\//, ""),
    image: c.Image,
    state: stateOf(c.State),
    labels: c.Labels ?? {},
    createdAt: c.Created * 1000,
  }));
}

export async function inspectContainer(client: DockerClient, id: string): Promise<ContainerDetails | undefined> {
  let info: ContainerInspectInfo;
  try {
    info = await client.call(`inspect container ${id}`, (d) => d.getContainer(id).inspect());
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return undefined;
    throw error;
  }
  const networks = Object.values(info.NetworkSettings?.Networks ?? {});
  const ip = networks.map((n) => n.IPAddress).find((a) => a);
  const startedAt = timeOrUndefined(info.State.StartedAt);
  const finishedAt = timeOrUndefined(info.State.FinishedAt);
  const memory = info.HostConfig.Memory;
  const cpuMillis = cpuMillisFromQuota(info.HostConfig.CpuQuota, info.HostConfig.CpuPeriod);
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ""),
    image: info.Config.Image,
    imageId: info.Image,
    state: stateOf(info.State.Status),
    labels: info.Config.Labels ?? {},
    createdAt: Date.parse(info.Created),
    exitCode: info.State.ExitCode,
    oomKilled: info.State.OOMKilled,
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(info.State.Error ? { error: info.State.Error } : {}),
    ...(ip ? { ip } : {}),
    ...(memory ? { memoryBytes: memory } : {}),
    ...(cpuMillis !== undefined ? { cpuMillis } : {}),
  };
}
