import type { Taint } from "../../api/types/node.js";
import type { Toleration } from "../../api/types/pod.js";
import type { FilterPlugin } from "../framework/plugin.js";
import { type Status, SUCCESS, unresolvable } from "../framework/status.js";

/** Kubernetes' toleration matching: effect (empty = all), key (empty with Exists = all), value. */
export function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && toleration.operator !== "Exists") return false;
  if (toleration.operator === "Exists") return true;
  return (toleration.value ?? "") === (taint.value ?? "");
}

/** The message for a taint the pod does not tolerate: `node(s) had untolerated taint {key: value}`. */
export function untoleratedTaintMessage(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ""}}`;
}

/** A pod may only go to a node whose NoSchedule and NoExecute taints it all tolerates. */
export const taintToleration = {
  name: "TaintToleration",
  filter: (_pod, nodeInfo, state): Status => {
    const taints = nodeInfo.taints;
    if (taints.length === 0) return SUCCESS;
    const tolerations = state.facts.tolerations;
    for (const taint of taints) {
      if (!tolerations.some((t) => tolerates(t, taint))) return unresolvable(untoleratedTaintMessage(taint));
    }
    return SUCCESS;
  },
} satisfies FilterPlugin;
