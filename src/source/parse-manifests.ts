/**
 * Manifest files → checked objects with positions, every error collected. Pure: no disk, no clock.
 * The happy path (no aliases, no errors) uses js-yaml only; the `yaml` package is touched only to
 * place an error or to expand aliases safely.
 */
import { withDefaults } from "../api/defaults/index.js";
import type { FieldError, SourcePosition } from "../api/errors.js";
import { formatPosition } from "../api/errors.js";
import { formatKey, type KubeObject, keyOf } from "../api/object.js";
import { validateObject } from "../api/validation/index.js";
import { type CheckedObject, type CheckOptions, checkObject } from "./check-object.js";
import type { ManifestCache } from "./manifest-cache.js";
import { type FileParse, type ParsedMapping, type ParseLimits, parseFile } from "./parse-file.js";
import type { ManifestError, ManifestFile, ManifestObject, ManifestParseResult } from "./types.js";

export interface ParseManifestsOptions {
  /** Namespace given to objects of namespaced kinds that name none. Default "default". */
  defaultNamespace?: string;
  /**
   * Field errors for one object (namespace already defaulted); paths are placed on lines. Default:
   * the API's validateObject on the object with Kubernetes' defaults applied, as the server would.
   */
  validate?: (object: KubeObject) => FieldError[];
  /** Largest serialized size of one object. Default 512 KiB. */
  maxObjectBytes?: number;
  /** Alias expansions a document may need (yaml's maxAliasCount). Default 100. */
  maxAliasCount?: number;
  /** Largest serialized size a document using aliases may expand to. Default 1 MiB. */
  maxExpandedBytes?: number;
  /** Reuses parses of files whose content was seen before. */
  cache?: ManifestCache;
}

export interface ParseStats {
  files: number;
  /** Documents with content. */
  documents: number;
  /** Documents parsed now (not from the cache) that needed the `yaml` package: aliases or errors. */
  slowDocuments: number;
  /** Files whose parse came from the cache. */
  cachedFiles: number;
}

export const DEFAULT_MAX_OBJECT_BYTES = 512 * 1024;
export const DEFAULT_MAX_ALIAS_COUNT = 100;
export const DEFAULT_MAX_EXPANDED_BYTES = 1024 * 1024;

function defaultValidate(object: KubeObject): FieldError[] {
  return validateObject(withDefaults(object));
}

/**
 * Parses every file (in the order given; callers pass sorted paths) and checks every object.
 * `objects` holds the objects without errors, each with its file and line; `errors` every problem
 * in every file, never stopping at the first. Contract: a caller applying the set refuses all of it
 * when `errors` is non-empty. The same kind/namespace/name twice is an error on the later one,
 * naming both positions. Returned objects share nested values with `options.cache`, and with a
 * cache an unchanged file yields the very same objects again: treat them as immutable.
 */
export function parseManifests(
  files: readonly ManifestFile[],
  options: ParseManifestsOptions = {},
): ManifestParseResult & { stats: ParseStats } {
  const {
    defaultNamespace = "default",
    validate = defaultValidate,
    maxObjectBytes = DEFAULT_MAX_OBJECT_BYTES,
    maxAliasCount = DEFAULT_MAX_ALIAS_COUNT,
    maxExpandedBytes = DEFAULT_MAX_EXPANDED_BYTES,
    cache,
  } = options;
  const limits: ParseLimits = { maxObjectBytes, maxAliasCount, maxExpandedBytes };
  const objects: ManifestObject[] = [];
  const errors: ManifestError[] = [];
  const stats: ParseStats = { files: files.length, documents: 0, slowDocuments: 0, cachedFiles: 0 };
  const seen = new Map<string, SourcePosition>();

  for (const file of files) {
    const parse = (): FileParse => parseFile(file.path, file.content, limits);
    const { parsed, hit } = cache ? cache.getOrParse(file, limits, parse) : { parsed: parse(), hit: false };
    stats.documents += parsed.documents;
    if (hit) stats.cachedFiles++;
    else stats.slowDocuments += parsed.slowDocuments;
    const fileErrors: ManifestError[] = parsed.problems.map((problem) => ({ file: file.path, ...problem }));

    for (const mapping of parsed.mappings) {
      const checked = checkCached(mapping, { defaultNamespace, validate });
      for (const problem of checked.problems) {
        const { fieldError, ...rest } = problem;
        const withSource = fieldError
          ? { fieldError: { ...fieldError, source: { file: file.path, line: rest.line } } }
          : {};
        fileErrors.push({ file: file.path, ...rest, ...withSource });
      }
      if (!checked.object) continue;
      const source: SourcePosition = { file: file.path, line: mapping.line };
      // Invalid objects still take part, so a duplicate is reported even next to a broken twin.
      const duplicateOf = checked.object.metadata.name ? claim(seen, checked.object, source) : undefined;
      if (duplicateOf) {
        const message = `${formatKey(keyOf(checked.object))} is defined twice: first at ${formatPosition(duplicateOf)}`;
        fileErrors.push({ file: file.path, line: mapping.line, message });
      }
      if (checked.problems.length === 0 && !duplicateOf) objects.push({ object: checked.object, source });
    }
    // Stable: errors on one line keep the order they were found in.
    fileErrors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    errors.push(...fileErrors);
  }
  return { objects, errors, stats };
}

/**
 * The last check of each parsed mapping, with the options it ran under. A mapping from the parse
 * cache is immutable and checkObject is pure, so the same options give the same result: a resync
 * of unchanged files skips validation and yields the very same objects, which lets the sync
 * engine reuse what it derived from them (the last-applied record, the stamped copy).
 */
const lastChecks = new WeakMap<ParsedMapping, { options: CheckOptions; checked: CheckedObject }>();

function checkCached(mapping: ParsedMapping, options: CheckOptions): CheckedObject {
  const last = lastChecks.get(mapping);
  if (
    last &&
    last.options.defaultNamespace === options.defaultNamespace &&
    last.options.validate === options.validate
  ) {
    return last.checked;
  }
  const checked = checkObject(mapping, options);
  lastChecks.set(mapping, { options, checked });
  return checked;
}

/** Records where an object was first seen; returns that first position when this is a repeat. */
function claim(
  seen: Map<string, SourcePosition>,
  object: KubeObject,
  source: SourcePosition,
): SourcePosition | undefined {
  const key = formatKey(keyOf(object));
  const first = seen.get(key);
  if (!first) seen.set(key, source);
  return first;
}
