/**
 * Finds where a field path sits in a document's text, using the `yaml` package's source ranges.
 * Only called on the error path: the happy path never builds a position-tracking document.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { PathSegment } from "./field-path.js";

/** A 1-based position inside the text that was searched. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A parsed document kept for repeated lookups (several errors in one object parse it once). */
export interface FieldLocator {
  /**
   * Position of the deepest node on `path` that exists: the key of a map entry, the start of a
   * list item. Undefined when the document cannot be parsed or is not a collection.
   */
  locate(path: readonly PathSegment[]): TextPosition | undefined;
}

export function createFieldLocator(text: string): FieldLocator {
  let parsed: { root: Node | null; lines: LineCounter } | undefined;
  const load = () => {
    if (!parsed) {
      const lines = new LineCounter();
      // Aliases are left unresolved: locating never expands them, so a bomb costs nothing here.
      const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
      parsed = { root: (doc.contents as Node | null) ?? null, lines };
    }
    return parsed;
  };
  return {
    locate(path) {
      const { root, lines } = load();
      if (!root?.range) return undefined;
      let offset = root.range[0];
      let node: unknown = root;
      for (const segment of path) {
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
          if (!pair) break;
          const key = pair.key as Node;
          if (key.range) offset = key.range[0];
          node = pair.value;
        } else if (isSeq(node) && typeof segment === "number") {
          const item = node.items[segment] as Node | undefined;
          if (!item?.range) break;
          offset = item.range[0];
          node = item;
        } else {
          break;
        }
      }
      const pos = lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
}
