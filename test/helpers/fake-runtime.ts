/**
 * A ContainerRuntime in memory for kubelet unit tests: it records every call, keeps containers
 * with the same names and labels the Docker runtime gives them, and lets a test play the world
 * outside the kubelet (a container crashes, is OOM-killed, is removed with `docker rm -f`, an
 * image cannot be pulled). Nothing runs: started containers stay "running" until told otherwise.
 */

import { SlipwayError } from "../../src/api/errors.js";
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
} from "../../src/kubelet/runtime/container-runtime.js";
import { containerLabels, matchesLabels, SANDBOX_CONTAINER_NAME } from "../../src/kubelet/runtime/labels.js";
import { containerName, sandboxName } from "../../src/kubelet/runtime/names.js";
import { decidePull, neverPullMessage } from "../../src/kubelet/runtime/pull-policy.js";

export type RuntimeMethod = keyof ContainerRuntime;

export interface RuntimeCall {
  method: RuntimeMethod;
  args: unknown[];
}

export interface FakeContainer {
  details: ContainerDetails;
  logs: LogFrame[];
  /** What the container does on SIGTERM: exit with this code, or ignore it (then SIGKILL: 137). */
  onTerm: { exitCode: number } | "ignore";
}

export type ExecHandler = (container: FakeContainer, cmd: string[]) => Partial<ExecResult>;

export interface FakeRuntimeOptions {
  /** Images present from the start. */
  images?: Iterable<string>;
  /** Images a pull can fetch. */
  pullable?: Iterable<string>;
  now?: () => Date;
  info?: Partial<RuntimeInfo>;
}

export class FakeRuntime implements ContainerRuntime {
  readonly calls: RuntimeCall[] = [];
  readonly images: Set<string>;
  readonly pullable: Set<string>;
  readonly containers = new Map<string, FakeContainer>();
  /** Container names (in the pod) whose start fails with this message. */
  readonly startFailures = new Map<string, string>();
  execHandler: ExecHandler = () => ({});
  #now: () => Date;
  #info: RuntimeInfo;
  #nextId = 1;
  #nextIp = 2;
  #failures = new Map<RuntimeMethod, unknown[]>();
  #watchers = new Set<() => void>();
  #eventWatchers = new Set<{ onEvent: (event: RuntimeEvent) => void; labels: Record<string, string | undefined> }>();

  constructor({ images = [], pullable = [], now = () => new Date(), info = {} }: FakeRuntimeOptions = {}) {
    this.images = new Set(images);
    this.pullable = new Set(pullable);
    this.#now = now;
    this.#info = {
      name: "fake",
      version: "0.0.0",
      apiVersion: "1.41",
      os: "linux",
      arch: "x86_64",
      kernelVersion: "6.0.0",
      hostname: "fake-node",
      cpus: 4,
      memoryBytes: 8 * 1024 ** 3,
      ...info,
    };
  }

  // ---- the world outside the kubelet ----

  /** The next call of `method` throws `error` (queued: one error per call). */
  failNext(method: RuntimeMethod, error: unknown = new SlipwayError("Internal", `${method} failed`)): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), error]);
  }

  /** The container's process ends by itself (crash, completion, OOM kill). */
  exit(id: string, exitCode: number, { oomKilled = false }: { oomKilled?: boolean } = {}): void {
    const c = this.#get(id);
    c.details = { ...c.details, state: "exited", exitCode, oomKilled, finishedAt: this.#now().toISOString() };
    this.#notify();
    if (oomKilled) this.#emit("oom", c);
    this.#emit("die", c);
  }

  /** Like `docker rm -f` from a shell. */
  removeExternally(id: string): void {
    const c = this.#get(id);
    this.containers.delete(id);
    this.#notify();
    if (c.details.state === "running") this.#emit("die", c);
    this.#emit("destroy", c);
  }

  /** Open event watchers (watchEvents calls whose signal has not aborted). */
  get eventWatchers(): number {
    return this.#eventWatchers.size;
  }

  writeLog(id: string, text: string, stream: LogFrame["stream"] = "stdout"): void {
    this.#get(id).logs.push({ stream, data: Buffer.from(text) });
    this.#notify();
  }

  /** Containers of one pod (by uid), sandbox included. */
  podContainers(uid: string): FakeContainer[] {
    return [...this.containers.values()].filter((c) => c.details.labels["io.slipway.pod-uid"] === uid);
  }

  callsOf(method: RuntimeMethod): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  // ---- ContainerRuntime ----

  async ensureImage(image: string, policy: PullPolicy): Promise<EnsureImageResult> {
    this.#record("ensureImage", image, policy);
    const decision = decidePull(policy, this.images.has(image));
    if (decision === "use-present") return { ok: true, image, pulled: false };
    if (decision === "fail-never-pull") {
      return { ok: false, image, reason: "ErrImageNeverPull", message: neverPullMessage(image) };
    }
    if (!this.pullable.has(image)) {
      return { ok: false, image, reason: "ErrImagePull", message: `pull access denied for ${image}` };
    }
    this.images.add(image);
    return { ok: true, image, pulled: true };
  }

  async createSandbox(spec: SandboxSpec): Promise<Sandbox> {
    this.#record("createSandbox", spec);
    const name = sandboxName({
      pod: spec.pod.name,
      namespace: spec.pod.namespace,
      uid: spec.pod.uid,
      attempt: spec.attempt,
    });
    const labels = containerLabels(
      {
        pod: spec.pod,
        container: SANDBOX_CONTAINER_NAME,
        node: spec.node,
        specHash: spec.specHash,
        attempt: spec.attempt,
      },
      spec.labels,
    );
    const ip = `10.88.0.${this.#nextIp++}`;
    const c = this.#add(name, spec.image ?? "slipway.local/pause:1", labels, { ip });
    c.details = { ...c.details, state: "running", startedAt: this.#now().toISOString() };
    return { id: c.details.id, name, ip };
  }

  async startContainer(options: StartContainerOptions): Promise<StartContainerResult> {
    this.#record("startContainer", options);
    const { pod, spec, node } = options;
    if (!this.containers.has(options.sandbox.id)) {
      throw new SlipwayError("NotFound", `create container ${spec.name}: no such sandbox ${options.sandbox.id}`);
    }
    if (!this.images.has(spec.image)) {
      throw new SlipwayError("NotFound", `create container ${spec.name}: No such image: ${spec.image}`);
    }
    const name = containerName({
      container: spec.name,
      pod: pod.name,
      namespace: pod.namespace,
      uid: pod.uid,
      attempt: spec.attempt,
    });
    const labels = containerLabels({ pod, container: spec.name, node, specHash: spec.specHash, attempt: spec.attempt });
    const c = this.#add(name, spec.image, labels, {
      ...(spec.memoryBytes !== undefined ? { memoryBytes: spec.memoryBytes } : {}),
      ...(spec.cpuMillis !== undefined ? { cpuMillis: spec.cpuMillis } : {}),
    });
    const failure = this.startFailures.get(spec.name);
    if (failure !== undefined) {
      c.details = { ...c.details, exitCode: 128, error: failure };
      return { ok: false, id: c.details.id, name, reason: "RunContainerError", message: failure };
    }
    c.details = { ...c.details, state: "running", startedAt: this.#now().toISOString() };
    return { ok: true, id: c.details.id, name };
  }

  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    this.#record("stopContainer", id, graceSeconds);
    const c = this.containers.get(id);
    if (c?.details.state !== "running") return;
    this.exit(id, c.onTerm === "ignore" ? 137 : c.onTerm.exitCode);
  }

  async removeContainer(id: string): Promise<void> {
    this.#record("removeContainer", id);
    const c = this.containers.get(id);
    this.containers.delete(id);
    this.#notify();
    if (c) this.#emit("destroy", c);
  }

  async listContainers(labels: Record<string, string | undefined>): Promise<ContainerSummary[]> {
    this.#record("listContainers", labels);
    return [...this.containers.values()]
      .filter((c) => matchesLabels(c.details.labels, labels))
      .map(({ details: d }) => ({
        id: d.id,
        name: d.name,
        image: d.image,
        state: d.state,
        labels: { ...d.labels },
        createdAt: d.createdAt,
      }));
  }

  async inspect(id: string): Promise<ContainerDetails | undefined> {
    this.#record("inspect", id);
    const c = this.containers.get(id);
    return c ? structuredClone(c.details) : undefined;
  }

  async logs(id: string, options: LogOptions = {}): Promise<LogFrame[]> {
    this.#record("logs", id, options);
    return tail(this.#get(id).logs, options.tail);
  }

  async *followLogs(id: string, options: FollowLogOptions = {}): AsyncGenerator<LogFrame, void, undefined> {
    this.#record("followLogs", id, options);
    const c = this.#get(id);
    let sent = c.logs.length - tail(c.logs, options.tail).length;
    while (!options.signal?.aborted) {
      const frame = c.logs[sent];
      if (frame) {
        sent++;
        yield frame;
        continue;
      }
      if (c.details.state !== "running" || !this.containers.has(id)) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#watchers.delete(wake);
          options.signal?.removeEventListener("abort", wake);
          resolve();
        };
        this.#watchers.add(wake);
        options.signal?.addEventListener("abort", wake, { once: true });
      });
    }
  }

  async exec(id: string, cmd: string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.#record("exec", id, cmd, options);
    const c = this.#get(id);
    if (c.details.state !== "running")
      throw new SlipwayError("Conflict", `exec in container ${id}: container is not running`);
    return { exitCode: 0, stdout: "", stderr: "", timedOut: false, ...this.execHandler(c, cmd) };
  }

  async info(): Promise<RuntimeInfo> {
    this.#record("info");
    return { ...this.#info };
  }

  /** Events are delivered synchronously as the fake's containers change, like a stream that never drops. */
  watchEvents(
    onEvent: (event: RuntimeEvent) => void,
    signal: AbortSignal,
    labels: Record<string, string | undefined> = {},
  ): Promise<void> {
    this.#record("watchEvents", labels);
    const watcher = { onEvent, labels };
    if (signal.aborted) return Promise.resolve();
    this.#eventWatchers.add(watcher);
    return new Promise((resolve) => {
      signal.addEventListener(
        "abort",
        () => {
          this.#eventWatchers.delete(watcher);
          resolve();
        },
        { once: true },
      );
    });
  }

  // ---- internals ----

  #record(method: RuntimeMethod, ...args: unknown[]): void {
    this.calls.push({ method, args });
    const queued = this.#failures.get(method);
    if (queued && queued.length > 0) throw queued.shift();
  }

  #get(id: string): FakeContainer {
    const c = this.containers.get(id);
    if (!c) throw new SlipwayError("NotFound", `no such container: ${id}`);
    return c;
  }

  #add(name: string, image: string, labels: Record<string, string>, extra: Partial<ContainerDetails>): FakeContainer {
    if ([...this.containers.values()].some((c) => c.details.name === name)) {
      throw new SlipwayError("Conflict", `create container ${name}: the container name "/${name}" is already in use`);
    }
    const id = `fake${String(this.#nextId++).padStart(12, "0")}`;
    const c: FakeContainer = {
      details: {
        id,
        name,
        image,
        imageId: `sha256:${image}`,
        state: "created",
        labels,
        createdAt: this.#now().getTime(),
        exitCode: 0,
        oomKilled: false,
        ...extra,
      },
      logs: [],
      onTerm: { exitCode: 0 },
    };
    this.containers.set(id, c);
    return c;
  }

  #emit(type: RuntimeEvent["type"], c: FakeContainer): void {
    for (const w of [...this.#eventWatchers]) {
      if (matchesLabels(c.details.labels, w.labels))
        w.onEvent({ type, id: c.details.id, labels: { ...c.details.labels } });
    }
  }

  #notify(): void {
    for (const wake of [...this.#watchers]) wake();
  }
}

/** The last `lines` frames: the fake counts one frame as one line, so write logs a line at a time. */
function tail(frames: LogFrame[], lines: number | undefined): LogFrame[] {
  if (lines === undefined) return [...frames];
  if (lines <= 0) return [];
  return frames.slice(Math.max(0, frames.length - lines));
}
