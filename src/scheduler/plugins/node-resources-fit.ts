import type { FilterPlugin } from "../framework/plugin.js";
import { type Status, SUCCESS, unschedulable } from "../framework/status.js";

export const INSUFFICIENT_CPU = "Insufficient cpu";
export const INSUFFICIENT_MEMORY = "Insufficient memory";
export const TOO_MANY_PODS = "Too many pods";

const CPU = unschedulable(INSUFFICIENT_CPU);
const MEMORY = unschedulable(INSUFFICIENT_MEMORY);
const CPU_AND_MEMORY = unschedulable(INSUFFICIENT_CPU, INSUFFICIENT_MEMORY);
const PODS = unschedulable(TOO_MANY_PODS);

/**
 * The pod's requests must fit in the node's allocatable minus what the pods already there request,
 * per resource, and the node must have a pod slot left. Reports every resource that is short.
 */
export const nodeResourcesFit = {
  name: "NodeResourcesFit",
  filter: (_pod, nodeInfo, state): Status => {
    const { allocatable, requested } = nodeInfo;
    if (nodeInfo.pods.size + 1 > allocatable.pods) return PODS;
    const want = state.facts.requests;
    const cpuShort = want.milliCpu > 0 && want.milliCpu > allocatable.milliCpu - requested.milliCpu;
    const memoryShort = want.memory > 0 && want.memory > allocatable.memory - requested.memory;
    if (cpuShort) return memoryShort ? CPU_AND_MEMORY : CPU;
    return memoryShort ? MEMORY : SUCCESS;
  },
} satisfies FilterPlugin;
