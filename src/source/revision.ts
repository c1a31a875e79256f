/** A directory source's revision id: a hash over what was read, as a commit sha is for git. */
import { createHash } from "node:crypto";
import type { ManifestFile } from "./types.js";

/**
 * sha1 over every file's path and content, in path order; the same files give the same id however
 * they are ordered, and any rename, edit, addition or removal changes it. Pure.
 */
export function contentRevision(files: readonly ManifestFile[]): string {
  const hash = createHash("sha1");
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const content = createHash("sha1").update(file.content).digest("hex");
    hash.update(`${file.path}\0${content}\n`);
  }
  return hash.digest("hex");
}
