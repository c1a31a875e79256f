import type { FilterPlugin } from "../framework/plugin.js";
import { SUCCESS, unschedulable } from "../framework/status.js";

export const NO_FREE_PORTS = "node(s) didn't have free ports for the requested pod ports";
const TAKEN = unschedulable(NO_FREE_PORTS);

/** A pod's host ports must be free on the node (same protocol and port, overlapping address). */
export const nodePorts = {
  name: "NodePorts",
  applies: (_pod, state) => state.facts.hostPorts.length > 0,
  filter: (_pod, nodeInfo, state) => {
    const ports = state.facts.hostPorts;
    if (ports.length === 0 || nodeInfo.usedPorts.size === 0) return SUCCESS;
    for (const port of ports) if (nodeInfo.portInUse(port)) return TAKEN;
    return SUCCESS;
  },
} satisfies FilterPlugin;
