/** The data shapes manifests travel in, from raw files to positioned objects and errors. */
import type { FieldError, SourcePosition } from "../api/errors.js";
import type { KubeObject } from "../api/object.js";

/** One file of a source, before parsing. `path` is relative to the source root, with "/" separators. */
export interface ManifestFile {
  path: string;
  content: string;
  /**
   * A content identity for the parse cache: a git blob id, say. Omitted, the cache uses the sha1 of
   * `content`. Two files with the same hash must have the same content.
   */
  hash?: string;
}

/** An object read from a manifest, with where it came from (the line of its first content). */
export interface ManifestObject {
  object: KubeObject;
  source: SourcePosition;
}

/**
 * One problem found while reading or parsing manifests. `line` is absent when the problem concerns
 * the whole file (too large, unreadable, a symlink leaving the root); `column` is present for
 * syntax errors; `field` is the field path for errors about one field.
 */
export interface ManifestError {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  /** The text after the position, e.g. `spec.replicas: Invalid value: -1: must be ...`. */
  message: string;
  hint?: string;
  /** The validation error this came from, when it came from one. */
  fieldError?: FieldError;
}

/** What parsing found; a caller refuses the whole set when `errors` is non-empty. */
export interface ManifestParseResult {
  objects: ManifestObject[];
  errors: ManifestError[];
}
