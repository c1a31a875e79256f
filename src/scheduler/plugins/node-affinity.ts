import type { NodeSelectorRequirement, NodeSelectorTerm } from "../../api/types/pod.js";
import type { FilterPlugin } from "../framework/plugin.js";
import { SUCCESS, unresolvable } from "../framework/status.js";

export const NODE_AFFINITY_MISMATCH = "node(s) didn't match Pod's node affinity/selector";
const MISMATCH = unresolvable(NODE_AFFINITY_MISMATCH);

/** A base-10 integer as Kubernetes' Gt/Lt read it, or undefined. */
function integer(text: string | undefined): number | undefined {
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** One requirement against a set of labels (or, for matchFields, `{ "metadata.name": name }`). */
export function requirementMatches(req: NodeSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(value!);
    case "NotIn":
      return !has || !values.includes(value!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      const actual = integer(value);
      const bound = integer(values[0]);
      if (!has || actual === undefined || bound === undefined || values.length !== 1) return false;
      return req.operator === "Gt" ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** A term is the AND of its requirements; a term with none matches no node (as in Kubernetes). */
export function termMatches(term: NodeSelectorTerm, labels: Readonly<Record<string, string>>, name: string): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  if (!expressions.every((r) => requirementMatches(r, labels))) return false;
  return fields.every((r) => r.key === "metadata.name" && requirementMatches(r, { "metadata.name": name }));
}

/**
 * spec.nodeSelector (every label equal) and the required node affinity (any term matching) must
 * both hold for the node.
 */
export const nodeAffinity = {
  name: "NodeAffinity",
  applies: (pod) =>
    pod.spec.nodeSelector !== undefined ||
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined,
  filter: (pod, nodeInfo) => {
    const selector = pod.spec.nodeSelector;
    if (selector) {
      const labels = nodeInfo.labels;
      for (const key in selector) if (labels[key] !== selector[key] || !Object.hasOwn(labels, key)) return MISMATCH;
    }
    const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (terms && !terms.some((t) => termMatches(t, nodeInfo.labels, nodeInfo.name))) return MISMATCH;
    return SUCCESS;
  },
} satisfies FilterPlugin;
