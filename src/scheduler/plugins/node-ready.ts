import type { FilterPlugin } from "../framework/plugin.js";
import { SUCCESS, unresolvable } from "../framework/status.js";

/** Kubernetes' wording for a node whose Ready condition is not True. */
export const NODE_NOT_READY = "node(s) were not ready";
const NOT_READY = unresolvable(NODE_NOT_READY);

/** Keeps pods off nodes whose Ready condition is not True (missing counts as not ready). */
export const nodeReady = {
  name: "NodeReady",
  filter: (_pod, nodeInfo) => (nodeInfo.ready ? SUCCESS : NOT_READY),
} satisfies FilterPlugin;
