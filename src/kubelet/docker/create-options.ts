/**
 * Pure translation of sandbox and container specs into Docker's create options: the single place
 * that decides names, labels, networking, command, env, mounts and limits.
 */
import type { ContainerCreateOptions } from "dockerode";
import type { SandboxSpec, StartContainerOptions } from "../runtime/container-runtime.js";
import { containerLabels, SANDBOX_CONTAINER_NAME } from "../runtime/labels.js";
import { containerName, sandboxName } from "../runtime/names.js";

/** Docker allows hostnames of at most 63 characters, as DNS labels do. */
const MAX_HOSTNAME = 63;
/** CFS period Kubernetes uses for cpu limits (100 ms). */
export const CPU_PERIOD_MICROS = 100_000;

export interface SandboxCreateContext {
  network: string;
  pauseImage: string;
}

export function sandboxCreateOptions(spec: SandboxSpec, context: SandboxCreateContext): ContainerCreateOptions {
  const { pod } = spec;
  const ports = spec.ports ?? [];
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp?: string; HostPort: string }[]> = {};
  for (const port of ports) {
    const key = `${port.containerPort}/${(port.protocol ?? "TCP").toLowerCase()}`;
    exposed[key] = {};
    if (port.hostPort !== undefined) {
      const binding = { HostPort: String(port.hostPort), ...(port.hostIp ? { HostIp: port.hostIp } : {}) };
      bindings[key] = [...(bindings[key] ?? []), binding];
    }
  }
  return {
    name: sandboxName({ pod: pod.name, namespace: pod.namespace, uid: pod.uid, attempt: spec.attempt }),
    Image: spec.image ?? context.pauseImage,
    Hostname: (spec.hostname ?? pod.name).slice(0, MAX_HOSTNAME),
    Labels: containerLabels(
      { pod, container: SANDBOX_CONTAINER_NAME, node: spec.node, specHash: spec.specHash, attempt: spec.attempt },
      spec.labels,
    ),
    ...(ports.length > 0 ? { ExposedPorts: exposed } : {}),
    HostConfig: {
      NetworkMode: context.network,
      ...(Object.keys(bindings).length > 0 ? { PortBindings: bindings } : {}),
    },
  };
}

export function containerCreateOptions({ sandbox, pod, node, spec }: StartContainerOptions): ContainerCreateOptions {
  const hostConfig: NonNullable<ContainerCreateOptions["HostConfig"]> = {
    NetworkMode: `container:${sandbox.id}`,
  };
  if (spec.mounts && spec.mounts.length > 0) {
    hostConfig.Mounts = spec.mounts.map((m) => ({
      Type: "bind" as const,
      Source: m.hostPath,
      Target: m.containerPath,
      ReadOnly: m.readOnly ?? false,
    }));
  }
  if (spec.memoryBytes !== undefined) {
    hostConfig.Memory = spec.memoryBytes;
    // No swap beyond the limit, so going over it is an OOM kill as in Kubernetes.
    hostConfig.MemorySwap = spec.memoryBytes;
  }
  if (spec.cpuMillis !== undefined) {
    hostConfig.CpuPeriod = CPU_PERIOD_MICROS;
    hostConfig.CpuQuota = Math.max(1_000, Math.round((spec.cpuMillis * CPU_PERIOD_MICROS) / 1000));
  }
  return {
    name: containerName({
      container: spec.name,
      pod: pod.name,
      namespace: pod.namespace,
      uid: pod.uid,
      attempt: spec.attempt,
    }),
    Image: spec.image,
    // Kubernetes' command/args are Docker's Entrypoint/Cmd; Docker drops the image's Cmd when
    // Entrypoint is given, exactly as Kubernetes ignores the image's cmd when command is set.
    ...(spec.command ? { Entrypoint: spec.command } : {}),
    ...(spec.args ? { Cmd: spec.args } : {}),
    Env: (spec.env ?? []).map((e) => `${e.name}=${e.value}`),
    ...(spec.workingDir ? { WorkingDir: spec.workingDir } : {}),
    Labels: containerLabels({ pod, container: spec.name, node, specHash: spec.specHash, attempt: spec.attempt }),
    Tty: false,
    OpenStdin: false,
    HostConfig: hostConfig,
  };
}

/** Millicores back from a CFS quota, as inspect reports limits. */
export function cpuMillisFromQuota(quota: number | undefined, period: number | undefined): number | undefined {
  if (!quota || quota <= 0) return undefined;
  return Math.round((quota * 1000) / (period || CPU_PERIOD_MICROS));
}
