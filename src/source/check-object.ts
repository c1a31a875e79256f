/**
 * The per-run checks on one parsed mapping: apiVersion and kind known, a name, the namespace
 * defaulted or refused, and the validator's field errors, each placed on its line.
 */
import { type FieldError, formatFieldError } from "../api/errors.js";
import { KINDS, kindFor, kindInfo } from "../api/kinds.js";
import type { KubeObject, ObjectMeta } from "../api/object.js";
import type { ParsedMapping } from "./parse-file.js";

export interface CheckOptions {
  defaultNamespace: string;
  validate: (object: KubeObject) => FieldError[];
}

/** A problem with a line in the file the mapping came from (the file name is added by the caller). */
export interface ObjectProblem {
  line: number;
  message: string;
  field?: string;
  hint?: string;
  fieldError?: FieldError;
}

export interface CheckedObject {
  /** The object, namespace defaulted; undefined when it is too broken to build. */
  object: KubeObject | undefined;
  problems: ObjectProblem[];
}

function requiredString(mapping: Record<string, unknown>, field: string, errors: FieldError[]): string | undefined {
  const value = mapping[field];
  if (typeof value === "string" && value !== "") return value;
  if (value === undefined || value === null || value === "") errors.push({ type: "Required", field });
  else errors.push({ type: "Invalid", field, badValue: value, detail: "must be a string" });
  return undefined;
}

/**
 * Checks one mapping. Never mutates `parsed.value` (it may be shared through the parse cache): the
 * returned object is a copy of its top level and metadata, sharing everything deeper.
 */
export function checkObject(parsed: ParsedMapping, options: CheckOptions): CheckedObject {
  const ours: FieldError[] = [];
  const apiVersion = requiredString(parsed.value, "apiVersion", ours);
  const kind = requiredString(parsed.value, "kind", ours);
  if (apiVersion === undefined || kind === undefined) return { object: undefined, problems: place(parsed, ours) };

  const info = kindFor(apiVersion, kind);
  if (!info) {
    const known = kindInfo(kind);
    const hint = known
      ? `${kind} is served as apiVersion "${known.apiVersion}"`
      : `served kinds: ${KINDS.map((k) => `${k.apiVersion} ${k.kind}`).join(", ")}`;
    const message = `no kind "${kind}" is registered for version "${apiVersion}"`;
    return { object: undefined, problems: [{ line: parsed.lineOf("kind"), message, hint }] };
  }

  const rawMeta = parsed.value.metadata;
  if (rawMeta !== undefined && (typeof rawMeta !== "object" || rawMeta === null || Array.isArray(rawMeta))) {
    ours.push({ type: "Invalid", field: "metadata", badValue: rawMeta, detail: "must be a mapping" });
    return { object: undefined, problems: place(parsed, ours) };
  }
  const metadata: ObjectMeta = { ...(rawMeta as ObjectMeta | undefined) };
  if (typeof metadata.name !== "string" || metadata.name === "") {
    ours.push({ type: "Required", field: "metadata.name" });
  }
  if (info.namespaced && (metadata.namespace === undefined || metadata.namespace === "")) {
    metadata.namespace = options.defaultNamespace;
  } else if (!info.namespaced && metadata.namespace !== undefined && metadata.namespace !== "") {
    ours.push({
      type: "Forbidden",
      field: "metadata.namespace",
      detail: `not allowed on this type (${kind} is cluster-scoped)`,
    });
  }
  const object: KubeObject = { ...parsed.value, apiVersion, kind, metadata };

  const seen = new Set(ours.map((e) => `${e.type} ${e.field}`));
  const theirs = options.validate(object).filter((e) => !seen.has(`${e.type} ${e.field}`));
  return { object, problems: place(parsed, [...ours, ...theirs]) };
}

function place(parsed: ParsedMapping, errors: FieldError[]): ObjectProblem[] {
  return errors.map((fieldError) => ({
    line: parsed.lineOf(fieldError.field),
    message: formatFieldError(fieldError, false),
    field: fieldError.field,
    fieldError,
  }));
}
