import type { Client } from "../../api/client.js";
import type { Pod } from "../../api/types/pod.js";
import type { NodeInfo } from "./node-info.js";
import type { PodFacts } from "./pod-facts.js";
import type { Status } from "./status.js";

/**
 * Per-pod state of one scheduling cycle, shared by every plugin call for that pod. `facts` is
 * computed once per pod; plugins must treat everything here as read-only.
 */
export interface CycleState {
  readonly facts: PodFacts;
}

/**
 * Decides whether the pod may run on the node. Called once per pod and node, so it must be cheap:
 * no allocation on success (return SUCCESS), fixed statuses built once for the common failures.
 */
export interface FilterPlugin {
  readonly name: string;
  /**
   * Called once per pod before any node: false means the filter cannot reject any node for this
   * pod (Kubernetes' PreFilter Skip), so it is not called per node. Omitted: always filter.
   */
  applies?(pod: Pod, state: CycleState): boolean;
  filter(pod: Pod, nodeInfo: NodeInfo, state: CycleState): Status;
}

/**
 * Ranks a feasible node: 0–100, higher is better, multiplied by `weight`. When `normalize` is given,
 * `score` returns a raw value and `normalize` maps the raw values of all feasible nodes (in place)
 * to 0–100: Kubernetes' NormalizeScore, for scores that are only meaningful relative to others.
 */
export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** Like FilterPlugin.applies: false when the plugin would give every node the same score. */
  applies?(pod: Pod, state: CycleState): boolean;
  score(pod: Pod, nodeInfo: NodeInfo, state: CycleState): number;
  normalize?(scores: Float64Array, count: number, state: CycleState): void;
}

/** Writes the decision: assigns the pod to the node in the store. Throws on failure (Conflict, ...). */
export interface BindPlugin {
  readonly name: string;
  bind(client: Client, pod: Pod, nodeName: string): Promise<Pod>;
}

/** The plugins of one scheduler profile, run in this order. */
export interface Profile {
  readonly filters: readonly FilterPlugin[];
  readonly scores: readonly ScorePlugin[];
  readonly bind: BindPlugin;
}
