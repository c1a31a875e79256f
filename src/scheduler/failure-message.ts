/**
 * Kubernetes' FitError message: `0/3 nodes are available: 1 node(s) didn't match Pod's node
 * affinity/selector, 2 Insufficient cpu.` — one "count reason" entry per reason, sorted as strings
 * (kube-scheduler's sort.Strings over the formatted entries), so the count leads the order.
 */
export const NO_NODES = "no nodes available to schedule pods";

/** With no node at all, Kubernetes' ErrNoNodesAvailable wording instead. */
export function failureMessage(total: number, reasons: ReadonlyMap<string, number>): string {
  if (total === 0) return NO_NODES;
  const head = `0/${total} nodes are available`;
  if (reasons.size === 0) return `${head}.`;
  const entries = [...reasons].map(([reason, count]) => `${count} ${reason}`);
  entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `${head}: ${entries.join(", ")}.`;
}
