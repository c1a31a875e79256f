import type { ContainerPort } from "../../../src/api/types/container.js";
import type { Node, Taint } from "../../../src/api/types/node.js";
import type { Pod, PodSpec } from "../../../src/api/types/pod.js";
import { NodeInfo } from "../../../src/scheduler/framework/node-info.js";
import type { CycleState, FilterPlugin } from "../../../src/scheduler/framework/plugin.js";
import { podFacts } from "../../../src/scheduler/framework/pod-facts.js";
import type { Status } from "../../../src/scheduler/framework/status.js";

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  ready?: boolean;
}

/** A ready node with the given allocatable resources (default 2 cpu, 8Gi). */
export function newNode(
  name: string,
  { cpu = "2", memory = "8Gi", pods, labels, taints, unschedulable, ready = true }: NodeOptions = {},
): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, ...(labels ? { labels } : {}) },
    spec: { ...(taints ? { taints } : {}), ...(unschedulable ? { unschedulable } : {}) },
    status: {
      allocatable: { cpu, memory, ...(pods ? { pods } : {}) },
      capacity: { cpu, memory },
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  };
}

export interface PodOptions {
  cpu?: string;
  memory?: string;
  hostPorts?: ContainerPort[];
  owner?: string;
  spec?: Partial<PodSpec>;
  namespace?: string;
}

/** A pending pod with one container requesting the given resources. */
export function newPod(
  name: string,
  { cpu, memory, hostPorts, owner, spec = {}, namespace = "default" }: PodOptions = {},
): Pod {
  const requests = { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) };
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      ...(owner
        ? {
            ownerReferences: [
              { apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: `uid-${owner}`, controller: true },
            ],
          }
        : {}),
    },
    spec: {
      containers: [
        {
          name: "main",
          image: "busybox",
          ...(cpu || memory ? { resources: { requests } } : {}),
          ...(hostPorts ? { ports: hostPorts } : {}),
        },
      ],
      ...spec,
    },
  };
}

/** The node's info with the given pods already placed on it. */
export function nodeInfo(node: Node, ...pods: Pod[]): NodeInfo {
  const info = new NodeInfo(node.metadata.name ?? "", node);
  for (const pod of pods) info.addPod(podFacts(pod));
  return info;
}

export function cycleState(pod: Pod): CycleState {
  return { facts: podFacts(pod) };
}

/** Runs a filter through the FilterPlugin interface, as the scheduler does. */
export function runFilter(plugin: FilterPlugin, pod: Pod, info: NodeInfo): Status {
  return plugin.filter(pod, info, cycleState(pod));
}
