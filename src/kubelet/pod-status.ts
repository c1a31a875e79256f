/**
 * The pod status as Kubernetes reports it, computed from what the runtime shows and what the pod
 * worker decided (waiting reasons, probe results). Pure: the same observation always gives the same
 * status, so the worker writes only when something really changed.
 */
import type { ContainerState, ContainerStatus, Pod, PodCondition, PodPhase, PodStatus } from "../api/types/pod.js";
import type { ContainerDetails } from "./runtime/container-runtime.js";

/** One spec container as the worker observed it. */
export interface ContainerObservation {
  name: string;
  image: string;
  /** The newest attempt. */
  current?: ContainerDetails;
  /** The attempt before it, for lastState. */
  previous?: ContainerDetails;
  restartCount: number;
  /** Why the container is not running right now (CrashLoopBackOff, ErrImagePull, ...); wins over `current`. */
  waiting?: { reason: string; message?: string };
  /** Startup probe passed (or none). */
  started: boolean;
  /** Readiness probe passes (or none). */
  ready: boolean;
}

export interface PodObservation {
  pod: Pod;
  podIP?: string;
  hostIP: string;
  containers: ContainerObservation[];
  now: Date;
}

export function terminatedState(details: ContainerDetails): ContainerState {
  const reason = details.oomKilled ? "OOMKilled" : details.exitCode === 0 ? "Completed" : "Error";
  return {
    terminated: {
      exitCode: details.exitCode,
      reason,
      ...(details.error ? { message: details.error } : {}),
      ...(details.startedAt ? { startedAt: details.startedAt } : {}),
      ...(details.finishedAt ? { finishedAt: details.finishedAt } : {}),
      containerID: `docker://${details.id}`,
    },
  };
}

function isRunning(details: ContainerDetails | undefined): details is ContainerDetails {
  return details?.state === "running" || details?.state === "restarting" || details?.state === "paused";
}

function isFinished(details: ContainerDetails | undefined): details is ContainerDetails {
  return (
    details !== undefined && (details.state === "exited" || details.state === "dead" || details.state === "created")
  );
}

export function containerStatus(c: ContainerObservation): ContainerStatus {
  const { current, previous } = c;
  let state: ContainerState;
  let lastState: ContainerState = {};
  if (c.waiting) {
    state = { waiting: { reason: c.waiting.reason, ...(c.waiting.message ? { message: c.waiting.message } : {}) } };
    if (isFinished(current) && current.startedAt) lastState = terminatedState(current);
    else if (previous) lastState = terminatedState(previous);
  } else if (isRunning(current)) {
    state = { running: { ...(current.startedAt ? { startedAt: current.startedAt } : {}) } };
    if (previous) lastState = terminatedState(previous);
  } else if (isFinished(current)) {
    state = terminatedState(current);
    if (previous) lastState = terminatedState(previous);
  } else {
    state = { waiting: { reason: "ContainerCreating" } };
  }
  const running = state.running !== undefined;
  return {
    name: c.name,
    state,
    lastState,
    ready: running && c.started && c.ready,
    restartCount: c.restartCount,
    image: c.image,
    imageID: current?.imageId ?? "",
    ...(current ? { containerID: `docker://${current.id}` } : {}),
    started: running && c.started,
  };
}

/** Kubernetes' getPhase over the spec containers' statuses. */
export function podPhase(pod: Pod, statuses: ContainerStatus[]): PodPhase {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return "Pending";
  if (running > 0) return "Running";
  if (stopped > 0 && stopped === statuses.length) {
    const policy = pod.spec.restartPolicy ?? "Always";
    if (policy === "Always") return "Running";
    if (stopped === succeeded) return "Succeeded";
    if (policy === "Never") return "Failed";
    return "Running";
  }
  return "Pending";
}

/** A condition keeping its lastTransitionTime when its status did not change. */
function condition(
  old: PodCondition[] | undefined,
  type: string,
  status: boolean,
  now: Date,
  why: { reason?: string; message?: string } = {},
): PodCondition {
  const value = status ? "True" : "False";
  const before = old?.find((c) => c.type === type);
  const lastTransitionTime =
    before?.status === value && before.lastTransitionTime ? before.lastTransitionTime : now.toISOString();
  return {
    type,
    status: value,
    lastProbeTime: null,
    lastTransitionTime,
    ...(status ? {} : why),
  };
}

/** The whole status of a pod on this node. */
export function computePodStatus(o: PodObservation): PodStatus {
  const old = o.pod.status;
  const statuses = o.containers.map(containerStatus);
  const phase = podPhase(o.pod, statuses);
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const terminal = phase === "Succeeded" || phase === "Failed";
  const notReady = terminal
    ? { reason: "PodCompleted" }
    : { reason: "ContainersNotReady", message: `containers with unready status: [${unready.join(" ")}]` };
  const allReady = !terminal && unready.length === 0;
  const conditions = [
    condition(old?.conditions, "Initialized", true, o.now),
    condition(old?.conditions, "Ready", allReady, o.now, notReady),
    condition(old?.conditions, "ContainersReady", allReady, o.now, notReady),
    condition(old?.conditions, "PodScheduled", true, o.now),
  ];
  return {
    phase,
    conditions,
    hostIP: o.hostIP,
    ...(o.podIP ? { podIP: o.podIP, podIPs: [{ ip: o.podIP }] } : {}),
    startTime: old?.startTime ?? o.now.toISOString(),
    containerStatuses: statuses,
  };
}
