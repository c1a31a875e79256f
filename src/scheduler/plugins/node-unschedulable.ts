import type { FilterPlugin } from "../framework/plugin.js";
import { SUCCESS, unresolvable } from "../framework/status.js";

export const NODE_UNSCHEDULABLE = "node(s) were unschedulable";
/** The taint `kubectl cordon` stands for; a pod tolerating it may go to a cordoned node. */
export const UNSCHEDULABLE_TAINT_KEY = "node.kubernetes.io/unschedulable";
const CORDONED = unresolvable(NODE_UNSCHEDULABLE);

/** Keeps pods off cordoned nodes (spec.unschedulable), unless they tolerate the unschedulable taint. */
export const nodeUnschedulable = {
  name: "NodeUnschedulable",
  filter: (_pod, nodeInfo, state) => {
    if (!nodeInfo.unschedulable) return SUCCESS;
    const tolerated = state.facts.tolerations.some(
      (t) =>
        (t.effect === undefined || t.effect === "NoSchedule") &&
        ((t.operator === "Exists" && (t.key === undefined || t.key === "" || t.key === UNSCHEDULABLE_TAINT_KEY)) ||
          (t.key === UNSCHEDULABLE_TAINT_KEY && (t.value ?? "") === "")),
    );
    return tolerated ? SUCCESS : CORDONED;
  },
} satisfies FilterPlugin;
