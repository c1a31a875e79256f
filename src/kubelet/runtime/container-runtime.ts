/**
 * The ContainerRuntime interface: what a kubelet needs from a container engine, and nothing more.
 * The Docker implementation lives in ../docker; tests use the recording fake in test/helpers.
 *
 * Contracts shared by every implementation:
 * - Every container it creates carries the labels in ./labels.ts, so a restarted kubelet can adopt
 *   what runs and never touch containers it did not create.
 * - Expected outcomes a pod status reports (an image that cannot be pulled, a container that cannot
 *   start) are typed results; engine failures are thrown as SlipwayErrors (`ServerUnreachable` when
 *   no engine answers, `NotFound`, `Conflict`, `Internal`).
 * - stop and remove are idempotent: a container that is already stopped or gone is not an error.
 * - Methods may be called concurrently for different pods.
 */

/** Kubernetes' imagePullPolicy. */
export type PullPolicy = "Always" | "IfNotPresent" | "Never";

export type ImagePullFailureReason = "ErrImagePull" | "ErrImageNeverPull";

export type EnsureImageResult =
  | { ok: true; image: string; pulled: boolean }
  | { ok: false; image: string; reason: ImagePullFailureReason; message: string };

/** Identifies the pod a container belongs to. */
export interface PodRef {
  uid: string;
  namespace: string;
  name: string;
}

export interface PortMapping {
  containerPort: number;
  hostPort?: number;
  /** Host address to bind hostPort on; the engine's default (all addresses) when absent. */
  hostIp?: string;
  protocol?: "TCP" | "UDP";
}

export interface SandboxSpec {
  pod: PodRef;
  /** The node (kubelet) that owns this sandbox. */
  node: string;
  /** The pod's labels, copied onto the sandbox container; Slipway's own labels win on a clash. */
  labels?: Record<string, string>;
  /** Hash of whatever decides that the sandbox must be recreated (ports, hostname, ...). */
  specHash: string;
  /** Counts sandboxes made for this pod, from 0; part of the container name. */
  attempt: number;
  /** The pause image; the runtime's default when absent. */
  image?: string;
  hostname?: string;
  ports?: PortMapping[];
}

export interface Sandbox {
  id: string;
  name: string;
  /** The pod IP on the runtime's pod network. */
  ip: string;
}

/** A bind mount; the host path must exist (the kubelet prepares volume directories). */
export interface Mount {
  hostPath: string;
  containerPath: string;
  readOnly?: boolean;
}

export interface ContainerSpec {
  /** The container's name within its pod. */
  name: string;
  image: string;
  /** Replaces the image's entrypoint (Kubernetes `command`). */
  command?: string[];
  /** Replaces the image's cmd (Kubernetes `args`). */
  args?: string[];
  env?: { name: string; value: string }[];
  workingDir?: string;
  mounts?: Mount[];
  /** Memory limit in bytes (swap is limited to the same, as Kubernetes does). */
  memoryBytes?: number;
  /** CPU limit in millicores (Kubernetes `500m` = 500). */
  cpuMillis?: number;
  /** Hash of the Kubernetes container spec; a kubelet recreates the container when it changes. */
  specHash: string;
  /** Counts starts of this container in this pod, from 0 (the kubelet's restart count). */
  attempt: number;
}

export interface StartContainerOptions {
  sandbox: Sandbox;
  pod: PodRef;
  node: string;
  spec: ContainerSpec;
}

export type StartContainerResult =
  | { ok: true; id: string; name: string }
  /** Created but could not start (e.g. the command does not exist); the container is left for inspection. */
  | { ok: false; id: string; name: string; reason: "RunContainerError"; message: string };

export type ContainerState = "created" | "running" | "paused" | "restarting" | "exited" | "dead" | "unknown";

/** One container as listed: enough to adopt it without inspecting. */
export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  state: ContainerState;
  labels: Record<string, string>;
  /** Unix milliseconds. */
  createdAt: number;
}

export interface ContainerDetails extends ContainerSummary {
  /** The image id the container runs (`sha256:...`). */
  imageId: string;
  exitCode: number;
  oomKilled: boolean;
  /** ISO timestamps; undefined when the container never started or has not finished. */
  startedAt?: string;
  finishedAt?: string;
  /** The engine's error text when the container failed to start. */
  error?: string;
  /** The IP on the pod network; only sandboxes have one of their own. */
  ip?: string;
  memoryBytes?: number;
  cpuMillis?: number;
}

export interface LogOptions {
  /** Only the last N lines of each stream. */
  tail?: number;
  timestamps?: boolean;
  /** Unix seconds: only lines written since then. */
  since?: number;
}

export interface FollowLogOptions extends LogOptions {
  /** Stops following and ends the iteration. */
  signal?: AbortSignal;
}

export interface LogFrame {
  stream: "stdout" | "stderr";
  data: Buffer;
}

export interface ExecOptions {
  /** Gives up after this long: the result then has `timedOut: true` and exitCode -1. */
  timeoutMs?: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** What the node can offer, for the Node's capacity. */
export interface RuntimeInfo {
  name: string;
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  kernelVersion: string;
  hostname: string;
  cpus: number;
  memoryBytes: number;
}

/** Something happened to a container from outside a kubelet call, or after one (it exited). */
export interface RuntimeEvent {
  /** die: the process ended; destroy: the container was removed; oom: the kernel killed it. */
  type: "die" | "destroy" | "oom";
  id: string;
  /** The container's labels (its identity, see ./labels.ts). */
  labels: Record<string, string>;
}

export interface ContainerRuntime {
  /** Makes `image` present as `policy` asks; never throws for a missing or unpullable image. */
  ensureImage(image: string, policy: PullPolicy): Promise<EnsureImageResult>;
  /** Creates and starts the pod's sandbox on the pod network, returning its IP. */
  createSandbox(spec: SandboxSpec): Promise<Sandbox>;
  /** Creates and starts one container inside a sandbox's network namespace; its image must be present (NotFound otherwise). */
  startContainer(options: StartContainerOptions): Promise<StartContainerResult>;
  /** SIGTERM, then SIGKILL after `graceSeconds`; returns once the container has stopped. */
  stopContainer(id: string, graceSeconds: number): Promise<void>;
  /** Removes a container (stopped or not) and its anonymous volumes. */
  removeContainer(id: string): Promise<void>;
  /** Containers, running or not, carrying every given label (`value` undefined: any value). */
  listContainers(labels: Record<string, string | undefined>): Promise<ContainerSummary[]>;
  /** The container's current details; undefined when it does not exist. */
  inspect(id: string): Promise<ContainerDetails | undefined>;
  /** The logs written so far, in order, stdout and stderr interleaved. */
  logs(id: string, options?: LogOptions): Promise<LogFrame[]>;
  /** The logs so far, then new output as it is written, until the container stops or `signal` aborts. */
  followLogs(id: string, options?: FollowLogOptions): AsyncIterable<LogFrame>;
  /** Runs `cmd` in a running container and waits for it. */
  exec(id: string, cmd: string[], options?: ExecOptions): Promise<ExecResult>;
  info(): Promise<RuntimeInfo>;
  /**
   * Calls `onEvent` for every die, destroy or oom of a container carrying every given label (as
   * listContainers matches them), until `signal` aborts; then the returned promise resolves. A
   * dropped connection is re-opened, asking for what happened meanwhile, so events are not lost
   * while the engine answers; never rejects.
   */
  watchEvents(
    onEvent: (event: RuntimeEvent) => void,
    signal: AbortSignal,
    labels?: Record<string, string | undefined>,
  ): Promise<void>;
}
