/** Reading and parsing in one call: the directory source's whole job for one revision. */
import { type ParseManifestsOptions, type ParseStats, parseManifests } from "./parse-manifests.js";
import { type ReadManifestOptions, readManifestDirectory } from "./read-directory.js";
import type { ManifestFile, ManifestParseResult } from "./types.js";

export interface LoadManifestsOptions extends ReadManifestOptions, ParseManifestsOptions {}

export interface LoadResult extends ManifestParseResult {
  /** The files read, sorted by path: the revision's content (hash them for a revision id). */
  files: ManifestFile[];
  stats: ParseStats;
}

/**
 * Reads `root` (a directory or one file) and parses every manifest in it. Never throws for
 * problems in the files: they are all in `errors` (read errors first, then parse errors, each
 * group in path order). Contract: when `errors` is non-empty the caller must refuse the whole set
 * and write nothing, since a missing or broken file would otherwise look like deleted objects.
 */
export async function loadManifests(root: string, options: LoadManifestsOptions = {}): Promise<LoadResult> {
  const read = await readManifestDirectory(root, options);
  const parsed = parseManifests(read.files, options);
  return {
    files: read.files,
    objects: parsed.objects,
    errors: [...read.errors, ...parsed.errors],
    stats: parsed.stats,
  };
}
