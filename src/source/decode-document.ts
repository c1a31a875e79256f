/**
 * Turns one document's text into plain values. The fast path is js-yaml 4 for text without anchors;
 * anchors (js-yaml cannot bound alias expansion) or any failure (a syntax error) fall back to the `yaml`
 * package, which decides: it reports errors with positions and expands aliases under
 * `maxAliasCount`, and the result must also stay under an expanded-size cap.
 */
import jsYaml, { CORE_SCHEMA, loadAll, type Type } from "js-yaml";
import { LineCounter, parseAllDocuments } from "yaml";
import { formatBytes, jsonSizeWithin } from "./bounded-size.js";

export interface DecodeLimits {
  /** Passed to `yaml`'s toJS: how many alias expansions a document may need. */
  maxAliasCount: number;
  /** Largest JSON size a document that uses aliases may expand to. */
  maxExpandedBytes: number;
}

/** Positions are 1-based and relative to the decoded text. */
export type DecodeResult =
  | { ok: true; values: unknown[]; slowPath: boolean }
  | { ok: false; line: number; column?: number; message: string };

// Kubernetes' YAML reader (go-yaml) honours `<<` merge keys, so both parsers do.
// js-yaml 4 exports its built-in types at run time; its published typings omit them.
const { merge } = (jsYaml as unknown as { types: { merge: Type } }).types;
const SCHEMA = CORE_SCHEMA.extend([merge]);

/**
 * An anchor (`&name`) is the only way a document can use aliases, so a document without anything
 * that looks like one cannot hold an alias bomb. False positives (`a && b` in a command) only cost
 * the slow path.
 */
const MAYBE_ANCHOR = /(^|[\s[{,:-])&[^\s,[\]{}]/m;

export function decodeYaml(text: string, limits: DecodeLimits): DecodeResult {
  if (MAYBE_ANCHOR.test(text)) return decodeYamlSlowly(text, limits);
  try {
    const values = loadAll(text, undefined, { schema: SCHEMA });
    return { ok: true, values, slowPath: false };
  } catch {
    return decodeYamlSlowly(text, limits);
  }
}

function decodeYamlSlowly(text: string, limits: DecodeLimits): DecodeResult {
  const lines = new LineCounter();
  try {
    const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, merge: true });
    if (!Array.isArray(docs)) return { ok: true, values: [], slowPath: true };
    const values: unknown[] = [];
    for (const doc of docs) {
      const error = doc.errors[0];
      if (error) {
        const pos = lines.linePos(error.pos[0]);
        // yaml turns a stack overflow on absurd nesting into a document error; say what it means.
        const text = /call stack/i.test(error.message) ? "document is nested too deeply" : error.message;
        return { ok: false, line: pos.line, column: pos.col, message: `YAML syntax error: ${text}` };
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
      } catch (cause) {
        if (!(cause instanceof ReferenceError)) throw cause;
        return aliasError(doc.contents?.range?.[0], lines, `need more than ${limits.maxAliasCount} expansions`);
      }
      if (jsonSizeWithin(value, limits.maxExpandedBytes) === undefined) {
        const limit = formatBytes(limits.maxExpandedBytes);
        return aliasError(doc.contents?.range?.[0], lines, `expand it beyond the ${limit} limit`);
      }
      values.push(value);
    }
    return { ok: true, values, slowPath: true };
  } catch (cause) {
    // Pathological input (nesting deep enough to exhaust the stack): refuse it, do not crash.
    return { ok: false, line: 1, message: `YAML could not be parsed: ${(cause as Error).message}` };
  }
}

function aliasError(offset: number | undefined, lines: LineCounter, why: string): DecodeResult {
  const pos = lines.linePos(offset ?? 0);
  return {
    ok: false,
    line: pos.line,
    column: pos.col,
    message: `document refused: its aliases ${why} (an alias bomb?)`,
  };
}

/** A `.json` file holds one value; errors are placed from JSON.parse's offset, or else by `yaml`. */
export function decodeJson(text: string): DecodeResult {
  if (text.trim() === "") return { ok: true, values: [], slowPath: false };
  try {
    return { ok: true, values: [JSON.parse(text)], slowPath: false };
  } catch (cause) {
    // The position is reported as line:column instead of V8's "at position N (line L column C)".
    const message = `JSON syntax error: ${(cause as Error).message.replace(/ in JSON at position \d+.*$/, "")}`;
    const match = /at position (\d+)/.exec((cause as Error).message);
    let offset = match ? Number(match[1]) : undefined;
    if (offset === undefined) {
      // Some V8 messages carry no offset ("Unexpected token '}'"); YAML's flow syntax locates most.
      const docs = parseAllDocuments(text, { prettyErrors: false });
      offset = Array.isArray(docs) ? docs.flatMap((d) => d.errors)[0]?.pos[0] : undefined;
    }
    if (offset === undefined) return { ok: false, line: 1, message };
    return { ok: false, ...positionAt(text, offset), message };
  }
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
