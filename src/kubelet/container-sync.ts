/**
 * Converges one spec container of a pod, the way the kubelet's SyncPod does for each container:
 * keep it while it runs (killing it when liveness fails or its spec drifted), restart it as the
 * restart policy says once its back-off has passed (CrashLoopBackOff meanwhile), pull its image
 * (ErrImagePull, then ImagePullBackOff), resolve env and mounts (CreateContainerConfigError), and
 * start the next attempt. Returns what the status needs and when to look again.
 */
import { parseQuantity } from "../api/quantity.js";
import type { Container } from "../api/types/container.js";
import type { Pod } from "../api/types/pod.js";
import { type KubeletContext, podRef } from "./context.js";
import { ConfigError, type DataReader, resolveEnv } from "./env.js";
import { podEvent, kubeletMessages as say } from "./events.js";
import type { ContainerObservation } from "./pod-status.js";
import type { ContainerDetails, Sandbox } from "./runtime/container-runtime.js";
import { identityFromLabels, LABELS } from "./runtime/labels.js";
import { defaultPullPolicy } from "./runtime/pull-policy.js";
import type { RunningContainer } from "./runtime/running-pods.js";
import { specHash } from "./runtime/spec-hash.js";
import { containerMounts } from "./volumes.js";

export interface ContainerSyncInput {
  pod: Pod;
  container: Container;
  /** Listed attempts of this container, newest first. */
  attempts: RunningContainer[];
  sandbox: Sandbox;
  sandboxCreated: boolean;
  /** Host paths of the pod's volumes, or why they could not be prepared. */
  volumes: Map<string, string> | ConfigError;
  reader: DataReader;
}

export interface ContainerSyncResult {
  observation: ContainerObservation;
  requeueAfterMs?: number;
}

const isRunning = (d: ContainerDetails | undefined) => d?.state === "running" || d?.state === "restarting";

function shouldRestart(pod: Pod, exitCode: number): boolean {
  const policy = pod.spec.restartPolicy ?? "Always";
  return policy === "Always" || (policy === "OnFailure" && exitCode !== 0);
}

function attemptOf(details: ContainerDetails | undefined): number {
  return details ? (identityFromLabels(details.labels)?.attempt ?? 0) : -1;
}

function limits(container: Container): { memoryBytes?: number; cpuMillis?: number } {
  const memory = container.resources?.limits?.memory;
  const cpu = container.resources?.limits?.cpu;
  return {
    ...(memory !== undefined ? { memoryBytes: parseQuantity(memory).value } : {}),
    ...(cpu !== undefined ? { cpuMillis: parseQuantity(cpu).milli } : {}),
  };
}

export async function syncContainer(ctx: KubeletContext, input: ContainerSyncInput): Promise<ContainerSyncResult> {
  const { pod, container, attempts, sandbox } = input;
  const { runtime } = ctx;
  const uid = pod.metadata.uid ?? "";
  const key = `${uid}/${container.name}`;
  const hash = specHash(container);
  const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
  // Older attempts than the previous one are of no use (logs --previous reads the previous).
  for (const old of attempts.slice(2)) await runtime.removeContainer(old.id);
  let current = attempts[0] ? await runtime.inspect(attempts[0].id) : undefined;
  let previous = attempts[1] ? await runtime.inspect(attempts[1].id) : undefined;
  const statusCount = pod.status?.containerStatuses?.find((s) => s.name === container.name && s.containerID);
  const lastAttempt = Math.max(ctx.attempts.get(key) ?? -1, attemptOf(current), statusCount?.restartCount ?? -1);
  const observe = (extra: Partial<ContainerObservation> = {}): ContainerObservation => {
    const probes = ctx.probes.results(isRunning(current) ? current?.id : undefined);
    return {
      name: container.name,
      image: container.image,
      ...(current ? { current } : {}),
      ...(previous ? { previous } : {}),
      restartCount: Math.max(0, current ? attemptOf(current) : lastAttempt),
      started: probes.started,
      ready: probes.ready,
      ...extra,
    };
  };

  // Forced start: the spec drifted or the sandbox is new; no back-off applies.
  let forced = input.sandboxCreated && current !== undefined;
  if (isRunning(current) && current?.labels[LABELS.specHash] !== hash) forced = true;
  const unhealthy = isRunning(current) ? ctx.probes.results(current?.id).unhealthy : undefined;
  if (current && isRunning(current) && (forced || unhealthy)) {
    const why = unhealthy ? say.unhealthyKill(container.name, unhealthy) : say.drifted(container.name);
    podEvent(ctx, pod, { reason: "Killing", message: why });
    await runtime.stopContainer(current.id, grace);
    current = await runtime.inspect(current.id);
  }
  if (isRunning(current) && current) {
    ctx.probes.track({
      uid,
      containerId: current.id,
      container,
      podIP: sandbox.ip,
      startedAtMs: current.startedAt ? Date.parse(current.startedAt) : ctx.now(),
    });
    return { observation: observe() };
  }

  // Not running: decide whether it starts (again).
  const restart = current !== undefined || lastAttempt >= 0;
  // A container killed for failing liveness restarts as its policy says, like any other exit.
  if (current && !forced && !shouldRestart(pod, unhealthy ? 137 : current.exitCode)) return { observation: observe() };
  if (!current && restart) {
    const before = pod.status?.containerStatuses?.find((s) => s.name === container.name);
    const exitCode = before?.state?.terminated?.exitCode;
    if (exitCode !== undefined && !shouldRestart(pod, exitCode)) return { observation: observe() };
  }
  if (current && !forced) {
    const endedAt = current.finishedAt ? Date.parse(current.finishedAt) : (ctx.endedAt.get(key) ?? ctx.now());
    const wait = ctx.restartBackOff.remaining(key, endedAt);
    if (wait > 0) {
      const delay = (ctx.restartBackOff.delay(key) ?? 0) / 1000;
      const message = `back-off ${delay}s restarting failed container=${container.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${uid})`;
      podEvent(ctx, pod, { reason: "BackOff", message: say.restartBackOff(container.name, pod), type: "Warning" });
      return { observation: observe({ waiting: { reason: "CrashLoopBackOff", message } }), requeueAfterMs: wait };
    }
  }

  // The image, with its own back-off after a failed pull.
  const pullKey = `${key}/image`;
  const pullWait = ctx.pullBackOff.remaining(pullKey, ctx.endedAt.get(pullKey) ?? 0);
  if (pullWait > 0) {
    const waiting = { reason: "ImagePullBackOff", message: say.pullBackOff(container.image) };
    podEvent(ctx, pod, { reason: "BackOff", message: waiting.message });
    podEvent(ctx, pod, { reason: "Failed", message: say.error("ImagePullBackOff"), type: "Warning" });
    return { observation: observe({ waiting }), requeueAfterMs: pullWait };
  }
  const image = await runtime.ensureImage(
    container.image,
    container.imagePullPolicy ?? defaultPullPolicy(container.image),
  );
  if (!image.ok) {
    podEvent(ctx, pod, { reason: "Failed", message: say.pullFailed(container.image, image.message), type: "Warning" });
    podEvent(ctx, pod, { reason: "Failed", message: say.error(image.reason), type: "Warning" });
    const delay = ctx.pullBackOff.next(pullKey);
    ctx.endedAt.set(pullKey, ctx.now());
    return {
      observation: observe({ waiting: { reason: image.reason, message: image.message } }),
      requeueAfterMs: delay,
    };
  }
  ctx.pullBackOff.forget(pullKey);
  const pulled = image.pulled ? say.pulled(container.image) : say.alreadyPresent(container.image);
  podEvent(ctx, pod, { reason: "Pulled", message: pulled });

  // Configuration: volumes, env, limits.
  let spec: Awaited<ReturnType<typeof buildSpec>>;
  try {
    if (input.volumes instanceof ConfigError) throw input.volumes;
    spec = await buildSpec(pod, container, input.volumes, sandbox, input.reader);
  } catch (error) {
    if (!(error instanceof ConfigError || (error instanceof Error && error.name === "SlipwayError"))) throw error;
    podEvent(ctx, pod, { reason: "Failed", message: say.error(error.message), type: "Warning" });
    return { observation: observe({ waiting: { reason: "CreateContainerConfigError", message: error.message } }) };
  }

  if (current && !forced) ctx.restartBackOff.next(key);
  const attempt = lastAttempt + 1;
  const result = await runtime.startContainer({
    sandbox,
    pod: podRef(pod),
    node: ctx.nodeName,
    spec: { ...spec, specHash: hash, attempt },
  });
  ctx.attempts.set(key, attempt);
  podEvent(ctx, pod, { reason: "Created", message: say.created(container.name) });
  if (current) previous = current;
  current = await runtime.inspect(result.id);
  if (!result.ok) {
    podEvent(ctx, pod, { reason: "Failed", message: say.error(result.message), type: "Warning" });
    ctx.endedAt.set(key, ctx.now());
    if (ctx.restartBackOff.delay(key) === undefined) ctx.restartBackOff.next(key);
    return { observation: observe({ waiting: { reason: "RunContainerError", message: result.message } }) };
  }
  podEvent(ctx, pod, { reason: "Started", message: say.started(container.name) });
  if (current && isRunning(current)) {
    ctx.probes.track({ uid, containerId: current.id, container, podIP: sandbox.ip, startedAtMs: ctx.now() });
  }
  return { observation: observe() };
}

async function buildSpec(
  pod: Pod,
  container: Container,
  volumes: Map<string, string>,
  sandbox: Sandbox,
  reader: DataReader,
) {
  const env = await resolveEnv({ pod, container, podIP: sandbox.ip, reader });
  const mounts = containerMounts(pod, container, volumes);
  return {
    name: container.name,
    image: container.image,
    ...(container.command ? { command: container.command } : {}),
    ...(container.args ? { args: container.args } : {}),
    ...(env.length > 0 ? { env } : {}),
    ...(container.workingDir ? { workingDir: container.workingDir } : {}),
    ...(mounts.length > 0 ? { mounts } : {}),
    ...limits(container),
  };
}
