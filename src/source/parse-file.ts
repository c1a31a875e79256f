/**
 * Parses one file's text into mappings with lines, independent of the file's name and of any
 * per-run option, so the result can be cached by content. Checks that need the kind table, the
 * default namespace or the validator run later, in check-object.ts.
 */
import { formatBytes, jsonSizeWithin } from "./bounded-size.js";
import { type DecodeLimits, type DecodeResult, decodeJson, decodeYaml } from "./decode-document.js";
import { type PathSegment, parseFieldPath } from "./field-path.js";
import { createFieldLocator, type FieldLocator } from "./locate-field.js";
import { splitYamlDocuments, type YamlChunk } from "./split-documents.js";

export interface ParseLimits extends DecodeLimits {
  /** Largest JSON size of one object (after List expansion). */
  maxObjectBytes: number;
}

/** A mapping found in a file: a candidate object, not yet checked for kind, name or fields. */
export interface ParsedMapping {
  value: Record<string, unknown>;
  /** 1-based line of the mapping's first content. */
  line: number;
  /** The line of a field path relative to this mapping, or of its nearest existing parent. */
  lineOf(field: string): number;
}

export interface FileProblem {
  line?: number;
  column?: number;
  message: string;
}

export interface FileParse {
  mappings: ParsedMapping[];
  problems: FileProblem[];
  /** Documents with content, and how many of them needed the slower `yaml` parser. */
  documents: number;
  slowDocuments: number;
}

/** Files ending in `.json` (any case) are JSON; everything else is YAML. Pure. */
export function parseFile(path: string, content: string, limits: ParseLimits): FileParse {
  const result: FileParse = { mappings: [], problems: [], documents: 0, slowDocuments: 0 };
  const isJson = path.toLowerCase().endsWith(".json");
  const chunks = isJson ? [jsonChunk(content)] : splitYamlDocuments(content);
  for (const chunk of chunks) {
    if (chunk.contentLine === undefined) continue;
    const decoded: DecodeResult = isJson ? decodeJson(chunk.text) : decodeYaml(chunk.text, limits);
    result.documents++;
    if (!decoded.ok) {
      const line = decoded.line + chunk.startLine - 1;
      result.problems.push({ line, ...(decoded.column ? { column: decoded.column } : {}), message: decoded.message });
      continue;
    }
    if (decoded.slowPath) result.slowDocuments++;
    const place = chunkPlacer(chunk);
    for (const value of decoded.values) {
      if (value === null || value === undefined) continue;
      addValue(result, value, [], chunk.contentLine, place, limits);
    }
  }
  return result;
}

type Placer = (path: readonly PathSegment[], fallback: number) => number;

/** Maps paths inside one chunk to file lines, parsing the chunk with `yaml` on first use only. */
function chunkPlacer(chunk: YamlChunk): Placer {
  let locator: FieldLocator | undefined;
  return (path, fallback) => {
    locator ??= createFieldLocator(chunk.text);
    const pos = locator.locate(path);
    return pos ? pos.line + chunk.startLine - 1 : fallback;
  };
}

function jsonChunk(content: string): YamlChunk {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const first = text.search(/\S/);
  const contentLine = first === -1 ? undefined : text.slice(0, first).split("\n").length;
  return { text, startLine: 1, contentLine };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? "a string" : `a ${typeof value}`;
}

function addValue(
  result: FileParse,
  value: unknown,
  base: PathSegment[],
  line: number,
  place: Placer,
  limits: ParseLimits,
): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const where = base.length ? `${base.join(".").replace(/\.(\d+)/g, "[$1]")} ` : "document ";
    result.problems.push({
      line,
      message: `${where}is ${describe(value)}, expected a mapping with apiVersion and kind`,
    });
    return;
  }
  const mapping = value as Record<string, unknown>;
  const kind = mapping.kind;
  if (typeof kind === "string" && kind.endsWith("List") && Array.isArray(mapping.items)) {
    mapping.items.forEach((item: unknown, i) => {
      const path = [...base, "items", i];
      addValue(result, item, path, place(path, line), place, limits);
    });
    return;
  }
  if (jsonSizeWithin(mapping, limits.maxObjectBytes) === undefined) {
    const size = formatBytes(Buffer.byteLength(JSON.stringify(mapping)));
    const limit = formatBytes(limits.maxObjectBytes);
    result.problems.push({ line, message: `object is ${size} serialized, larger than the ${limit} limit` });
    return;
  }
  result.mappings.push({
    value: mapping,
    line,
    lineOf: (field) => place([...base, ...parseFieldPath(field)], line),
  });
}
