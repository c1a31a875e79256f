// OWNER: api helper. Stub signatures; replace with the real implementation.
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

/** Parses kubectl's `-l` syntax; throws SlipwayError("BadRequest") naming the bad token. */
export function parseLabelSelector(_text: string): LabelSelector {
  throw new Error("not implemented");
}

/** Builds a selector from matchLabels/matchExpressions (AND of all). */
export function labelSelectorFromSpec(_spec: LabelSelectorSpec | undefined): LabelSelector {
  throw new Error("not implemented");
}

/**
 * Parses a field selector (`metadata.name=x,spec.nodeName!=n`); supported fields:
 * metadata.name, metadata.namespace, spec.nodeName, status.phase. Throws SlipwayError("BadRequest").
 */
export function parseFieldSelector(_text: string): FieldSelector {
  throw new Error("not implemented");
}
