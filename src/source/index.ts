/**
 * Manifests: reading YAML/JSON files from a source (a directory now; a git tree and a watcher
 * feed the same parser later) into checked Kubernetes objects that remember their file and line,
 * with every problem collected as a positioned error. Owns the document splitting, the alias-bomb
 * and size guards, field-path-to-line placement and the parse cache keyed by content identity.
 */
export { formatBytes } from "./bounded-size.js";
export { parseFieldPath } from "./field-path.js";
export { formatManifestError, manifestsInvalidError } from "./format.js";
export { type LoadManifestsOptions, type LoadResult, loadManifests } from "./load-manifests.js";
export { ManifestCache, type ManifestCacheOptions } from "./manifest-cache.js";
export {
  DEFAULT_MAX_ALIAS_COUNT,
  DEFAULT_MAX_EXPANDED_BYTES,
  DEFAULT_MAX_OBJECT_BYTES,
  type ParseManifestsOptions,
  type ParseStats,
  parseManifests,
} from "./parse-manifests.js";
export {
  DEFAULT_MAX_FILE_BYTES,
  type ReadManifestOptions,
  type ReadResult,
  readManifestDirectory,
} from "./read-directory.js";
export { contentRevision } from "./revision.js";
export { isManifestFileName, unsafeRelativePath } from "./safe-path.js";
export { splitYamlDocuments, type YamlChunk } from "./split-documents.js";
export type { ManifestError, ManifestFile, ManifestObject, ManifestParseResult } from "./types.js";
