import { parseQuantity } from "../../api/quantity.js";
import type { ResourceList } from "../../api/types/common.js";
import type { Container } from "../../api/types/container.js";
import type { PodSpec } from "../../api/types/pod.js";

/** The resources the scheduler counts, in integer units: millicores, bytes, pod slots. */
export interface Resources {
  milliCpu: number;
  memory: number;
}

/** What a pod without requests is counted as when scoring (Kubernetes' non-zero defaults). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function quantity(list: ResourceList | undefined, name: string, unit: "milli" | "value"): number {
  const raw = list?.[name];
  if (raw === undefined) return 0;
  try {
    return parseQuantity(raw)[unit];
  } catch {
    return 0; // validation rejects malformed quantities on write; an unreadable one counts as none
  }
}

function containerRequests(c: Container): Resources {
  // A container with limits but no requests requests its limits (Kubernetes' defaulting).
  const req = c.resources?.requests ?? c.resources?.limits;
  return { milliCpu: quantity(req, "cpu", "milli"), memory: quantity(req, "memory", "value") };
}

/**
 * A pod's effective requests: the sum over its containers, or the largest init container if that
 * is more (init containers run one at a time, before the others), per resource.
 * `nonZero` counts a container without a request as Kubernetes' defaults, for scoring.
 */
export function podRequests(spec: PodSpec): { requests: Resources; nonZero: Resources } {
  const requests = { milliCpu: 0, memory: 0 };
  const nonZero = { milliCpu: 0, memory: 0 };
  for (const c of spec.containers ?? []) {
    const r = containerRequests(c);
    requests.milliCpu += r.milliCpu;
    requests.memory += r.memory;
    nonZero.milliCpu += r.milliCpu || DEFAULT_MILLI_CPU_REQUEST;
    nonZero.memory += r.memory || DEFAULT_MEMORY_REQUEST;
  }
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c);
    requests.milliCpu = Math.max(requests.milliCpu, r.milliCpu);
    requests.memory = Math.max(requests.memory, r.memory);
    nonZero.milliCpu = Math.max(nonZero.milliCpu, r.milliCpu || DEFAULT_MILLI_CPU_REQUEST);
    nonZero.memory = Math.max(nonZero.memory, r.memory || DEFAULT_MEMORY_REQUEST);
  }
  return { requests, nonZero };
}

/** A node's allocatable resources (falling back to capacity); a missing pods entry means 110. */
export function nodeAllocatable(
  allocatable: ResourceList | undefined,
  capacity: ResourceList | undefined,
): Resources & { pods: number } {
  const list = allocatable ?? capacity;
  return {
    milliCpu: quantity(list, "cpu", "milli"),
    memory: quantity(list, "memory", "value"),
    pods: list?.pods === undefined ? 110 : quantity(list, "pods", "value"),
  };
}
