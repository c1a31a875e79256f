/**
 * The kubelet's Node: registered on start (created, or adopted when it exists), its status set
 * from the runtime (capacity, allocatable, addresses, nodeInfo) and the Ready condition, whose
 * lastHeartbeatTime the heartbeat renews. Labels kubernetes.io/hostname and kubernetes.io/os are
 * added without removing the user's.
 */
import { networkInterfaces } from "node:os";
import type { Client } from "../api/client.js";
import { isSlipwayError } from "../api/errors.js";
import type { ResourceList } from "../api/types/common.js";
import type { Node, NodeCondition, NodeStatus } from "../api/types/node.js";
import type { RuntimeInfo } from "./runtime/container-runtime.js";

/** The first non-internal IPv4 address of this machine, else loopback. */
export function defaultHostIP(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return "127.0.0.1";
}

export function capacityFrom(info: RuntimeInfo, overrides: ResourceList = {}): ResourceList {
  return { cpu: String(info.cpus), memory: `${Math.floor(info.memoryBytes / 1024)}Ki`, pods: "110", ...overrides };
}

export interface NodeStatusInput {
  info: RuntimeInfo;
  capacity: ResourceList;
  hostIP: string;
  nodeName: string;
  now: Date;
  old?: NodeStatus | undefined;
  /**
   * Where the kubelet's server listens. Its port goes to daemonEndpoints; a specific host other
   * than hostIP (loopback, by default) is listed first among the InternalIP addresses, which is
   * the address the API server proxies logs and exec to.
   */
  kubeletEndpoint?: { host: string; port: number } | undefined;
}

export function nodeStatus({
  info,
  capacity,
  hostIP,
  nodeName,
  now,
  old,
  kubeletEndpoint,
}: NodeStatusInput): NodeStatus {
  const before = old?.conditions?.find((c) => c.type === "Ready");
  const ready: NodeCondition = {
    type: "Ready",
    status: "True",
    lastHeartbeatTime: now.toISOString(),
    lastTransitionTime:
      before?.status === "True" && before.lastTransitionTime ? before.lastTransitionTime : now.toISOString(),
    reason: "KubeletReady",
    message: "kubelet is posting ready status",
  };
  const kubeletHost = kubeletEndpoint?.host;
  const served =
    kubeletHost && kubeletHost !== hostIP && kubeletHost !== "0.0.0.0" && kubeletHost !== "::"
      ? [{ type: "InternalIP", address: kubeletHost }]
      : [];
  return {
    ...old,
    capacity,
    allocatable: capacity,
    conditions: [...(old?.conditions ?? []).filter((c) => c.type !== "Ready"), ready],
    addresses: [...served, { type: "InternalIP", address: hostIP }, { type: "Hostname", address: nodeName }],
    nodeInfo: {
      kubeletVersion: "slipway",
      containerRuntimeVersion: `${info.name.toLowerCase()}://${info.version}`,
      kernelVersion: info.kernelVersion,
      operatingSystem: "linux",
      architecture: info.arch,
      osImage: info.os,
    },
    ...(kubeletEndpoint ? { daemonEndpoints: { kubeletEndpoint: { Port: kubeletEndpoint.port } } } : {}),
  };
}

export interface RegisterNodeOptions extends Omit<NodeStatusInput, "old" | "now"> {
  client: Client;
  now: () => number;
}

/** Creates or updates the Node and writes its status; retries conflicts with a fresh read. */
export async function registerNode(options: RegisterNodeOptions): Promise<Node> {
  const { client, nodeName } = options;
  const labels = { "kubernetes.io/hostname": nodeName, "kubernetes.io/os": "linux" };
  for (let tries = 0; ; tries++) {
    try {
      let node = await getNode(client, nodeName);
      if (!node) {
        node = (await client.create({ apiVersion: "v1", kind: "Node", metadata: { name: nodeName, labels } })) as Node;
      } else if (Object.entries(labels).some(([k, v]) => node?.metadata.labels?.[k] !== v)) {
        node = (await client.update({
          ...node,
          metadata: { ...node.metadata, labels: { ...node.metadata.labels, ...labels } },
        })) as Node;
      }
      return await heartbeat(client, node, options);
    } catch (error) {
      if (tries >= 5 || !(isSlipwayError(error, "Conflict") || isSlipwayError(error, "AlreadyExists"))) throw error;
    }
  }
}

async function getNode(client: Client, name: string): Promise<Node | undefined> {
  try {
    return (await client.get("Node", "", name)) as Node;
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return undefined;
    throw error;
  }
}

/** Renews the status of `node` (as read) with a new heartbeat. */
export async function heartbeat(
  client: Client,
  node: Node,
  options: Omit<RegisterNodeOptions, "client">,
): Promise<Node> {
  const status = nodeStatus({ ...options, now: new Date(options.now()), old: node.status });
  return (await client.updateStatus({ ...structuredClone(node), status })) as Node;
}

/** Reads the Node and renews its heartbeat; re-registers it when it was deleted. */
export async function renewNode(options: RegisterNodeOptions): Promise<Node> {
  const node = await getNode(options.client, options.nodeName);
  if (!node) return registerNode(options);
  return heartbeat(options.client, node, options);
}
