/** Kubernetes field paths (`spec.containers[0].image`, `metadata.labels[app.kubernetes.io/name]`). */

export type PathSegment = string | number;

/**
 * Splits a field path into keys and list indexes. A bracket holding digits is an index; any other
 * bracket is a map key that may contain dots (`metadata.annotations[example.com/x]`).
 */
export function parseFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let current = "";
  let i = 0;
  const flush = (): void => {
    if (current !== "") segments.push(current);
    current = "";
  };
  while (i < path.length) {
    const ch = path[i];
    if (ch === ".") {
      flush();
      i++;
    } else if (ch === "[") {
      flush();
      const close = path.indexOf("]", i);
      const inner = close === -1 ? path.slice(i + 1) : path.slice(i + 1, close);
      segments.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close === -1 ? path.length : close + 1;
    } else {
      current += ch;
      i++;
    }
  }
  flush();
  return segments;
}
