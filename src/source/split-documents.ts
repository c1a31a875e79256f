/**
 * Splits a YAML stream into its documents on column-0 document markers, so each document's start
 * line is known without a position-tracking parser. YAML 1.2 forbids `---` and `...` at column 0
 * (followed by a space, tab or line end) inside any scalar or collection, so such a line can only
 * be a marker.
 */

/** One document's text, cut from the stream at line boundaries. */
export interface YamlChunk {
  /** The document's text, including its own `---` line, directives and an ending `...`. */
  text: string;
  /** 1-based line in the file where `text` begins. */
  startLine: number;
  /**
   * 1-based line of the document's first content: the first line that is not blank, a comment, a
   * directive or a bare `---`. Undefined for a document with no content (an empty document).
   */
  contentLine: number | undefined;
}

// Lines are tested with their line ending still attached.
const START_MARKER = /^---(?:[ \t\r\n]|$)/;
const END_MARKER = /^\.\.\.(?:[ \t\r\n]|$)/;
const BARE_START = /^---[ \t]*(?:#.*)?\r?\n?$/;

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed === "" || trimmed.startsWith("#");
}

/**
 * Splits `text` (a leading byte-order mark removed first) into documents. Lines keep their endings,
 * so `\r\n` files work. A `%` directive line before any content belongs to the next document, as
 * does a `---` that follows only directives and comments.
 */
export function splitYamlDocuments(source: string): YamlChunk[] {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const chunks: YamlChunk[] = [];
  let lines: string[] = [];
  let startLine = 1;
  let contentLine: number | undefined;
  let sawStart = false;

  const close = (nextStart: number): void => {
    if (lines.length > 0) chunks.push({ text: lines.join(""), startLine, contentLine });
    lines = [];
    startLine = nextStart;
    contentLine = undefined;
    sawStart = false;
  };

  let lineNo = 0;
  let pos = 0;
  while (pos < text.length) {
    const newline = text.indexOf("\n", pos);
    const end = newline === -1 ? text.length : newline + 1;
    const line = text.slice(pos, end);
    pos = end;
    lineNo++;

    if (START_MARKER.test(line)) {
      if (sawStart || contentLine !== undefined) close(lineNo);
      sawStart = true;
      lines.push(line);
      // `--- |`, `--- {a: 1}` or `--- !tag`: the content starts on the marker line itself.
      if (!BARE_START.test(line)) contentLine = lineNo;
      continue;
    }
    if (END_MARKER.test(line)) {
      lines.push(line);
      close(lineNo + 1);
      continue;
    }
    lines.push(line);
    const isDirective = line.startsWith("%") && !sawStart && contentLine === undefined;
    if (contentLine === undefined && !isDirective && !isBlankOrComment(line)) contentLine = lineNo;
  }
  close(lineNo + 1);
  return chunks;
}
