/** The shapes of label and field selectors, shared by every way of building one. */
import type { KubeObject } from "../object.js";

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

/** The structured form found in manifests (spec.selector of ReplicaSet, Deployment). */
export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface LabelSelector {
  /** True when the selector has no requirement: it matches everything. */
  readonly empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
  /** Canonical kubectl string form. */
  toString(): string;
}

export interface FieldSelector {
  readonly empty: boolean;
  matches(obj: KubeObject): boolean;
  toString(): string;
}
