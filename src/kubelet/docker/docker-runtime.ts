/** The ContainerRuntime on a Docker engine, through dockerode. */
import { isSlipwayError } from "../../api/errors.js";
import type {
  ContainerDetails,
  ContainerRuntime,
  ContainerSummary,
  EnsureImageResult,
  ExecOptions,
  ExecResult,
  FollowLogOptions,
  LogFrame,
  LogOptions,
  PullPolicy,
  RuntimeEvent,
  RuntimeInfo,
  Sandbox,
  SandboxSpec,
  StartContainerOptions,
  StartContainerResult,
} from "../runtime/container-runtime.js";
import { createDockerClient, type DockerClient, type DockerClientOptions } from "./client.js";
import { inspectContainer, listContainers, removeContainer, startContainer, stopContainer } from "./containers.js";
import { watchDockerEvents } from "./events.js";
import { execInContainer } from "./exec.js";
import { DEFAULT_PULL_TIMEOUT_MS, ensureImage } from "./images.js";
import { followLogs, readLogs } from "./logs.js";
import { ensurePauseImage } from "./pause-image.js";
import { createSandbox, ensureNetwork } from "./sandbox.js";

export const DEFAULT_POD_NETWORK = "slipway";
export const DEFAULT_PAUSE_IMAGE = "slipway.local/pause:1";

export interface DockerRuntimeOptions extends DockerClientOptions {
  /** The user-defined bridge network pods get their IPs on; created when absent. */
  network?: string;
  /** The image of every sandbox unless its spec names one. */
  pauseImage?: string;
  /** A pull that takes longer fails with ErrImagePull. */
  pullTimeoutMs?: number;
}

export class DockerRuntime implements ContainerRuntime {
  readonly client: DockerClient;
  readonly network: string;
  readonly pauseImage: string;
  readonly pullTimeoutMs: number;
  #network: Promise<void> | undefined;
  #pause: Promise<void> | undefined;

  constructor({
    network = DEFAULT_POD_NETWORK,
    pauseImage = DEFAULT_PAUSE_IMAGE,
    pullTimeoutMs = DEFAULT_PULL_TIMEOUT_MS,
    ...client
  }: DockerRuntimeOptions = {}) {
    this.client = createDockerClient(client);
    this.network = network;
    this.pauseImage = pauseImage;
    this.pullTimeoutMs = pullTimeoutMs;
  }

  /** Where the engine is: a socket path or URL. */
  get endpoint(): string {
    return this.client.endpoint;
  }

  ensureImage(image: string, policy: PullPolicy): Promise<EnsureImageResult> {
    return ensureImage(this.client, image, policy, this.pullTimeoutMs);
  }

  /**
   * Creates the pod network if absent and makes the default pause image present (building it
   * locally when it is a slipway.local image), then the sandbox. A sandbox naming its own image
   * needs that image present (ensureImage first). If the network or the pause image was removed
   * from outside since it was checked, it is made again, once.
   */
  async createSandbox(spec: SandboxSpec): Promise<Sandbox> {
    const ownImage = spec.image !== undefined;
    await Promise.all([this.#ensureNetwork(), ownImage ? undefined : this.#ensurePause()]);
    const context = { network: this.network, pauseImage: this.pauseImage };
    try {
      return await createSandbox(this.client, spec, context);
    } catch (error) {
      if (!isSlipwayError(error, "NotFound")) throw error;
      if (/network/i.test(error.message)) this.#network = undefined;
      else if (!ownImage && /image/i.test(error.message)) this.#pause = undefined;
      else throw error;
      await Promise.all([this.#ensureNetwork(), ownImage ? undefined : this.#ensurePause()]);
      return createSandbox(this.client, spec, context);
    }
  }

  // Each check runs once per runtime and is shared by concurrent sandboxes; a failed one is retried.
  #ensureNetwork(): Promise<void> {
    this.#network ??= ensureNetwork(this.client, this.network).catch((error: unknown) => {
      this.#network = undefined;
      throw error;
    });
    return this.#network;
  }

  #ensurePause(): Promise<void> {
    this.#pause ??= ensurePauseImage(this.client, this.pauseImage).catch((error: unknown) => {
      this.#pause = undefined;
      throw error;
    });
    return this.#pause;
  }

  startContainer(options: StartContainerOptions): Promise<StartContainerResult> {
    return startContainer(this.client, options);
  }

  stopContainer(id: string, graceSeconds: number): Promise<void> {
    return stopContainer(this.client, id, graceSeconds);
  }

  removeContainer(id: string): Promise<void> {
    return removeContainer(this.client, id);
  }

  listContainers(labels: Record<string, string | undefined>): Promise<ContainerSummary[]> {
    return listContainers(this.client, labels);
  }

  inspect(id: string): Promise<ContainerDetails | undefined> {
    return inspectContainer(this.client, id);
  }

  logs(id: string, options?: LogOptions): Promise<LogFrame[]> {
    return readLogs(this.client, id, options);
  }

  followLogs(id: string, options?: FollowLogOptions): AsyncIterable<LogFrame> {
    return followLogs(this.client, id, options);
  }

  exec(id: string, cmd: string[], options?: ExecOptions): Promise<ExecResult> {
    return execInContainer(this.client, id, cmd, options);
  }

  watchEvents(
    onEvent: (event: RuntimeEvent) => void,
    signal: AbortSignal,
    labels: Record<string, string | undefined> = {},
  ): Promise<void> {
    return watchDockerEvents(this.client, onEvent, signal, { labels });
  }

  async info(): Promise<RuntimeInfo> {
    const [info, version] = await this.client.call("read engine info", (d) => Promise.all([d.info(), d.version()]));
    return {
      name: "docker",
      version: String(version.Version ?? ""),
      apiVersion: String(version.ApiVersion ?? ""),
      os: String(info.OSType ?? version.Os ?? ""),
      arch: String(info.Architecture ?? version.Arch ?? ""),
      kernelVersion: String(info.KernelVersion ?? ""),
      hostname: String(info.Name ?? ""),
      cpus: Number(info.NCPU ?? 0),
      memoryBytes: Number(info.MemTotal ?? 0),
    };
  }
}
