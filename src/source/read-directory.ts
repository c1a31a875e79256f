/**
 * Reads a directory tree (or one file) of manifests from disk. Problems are returned as errors,
 * never thrown, so one bad file does not hide the others.
 *
 * Symlinks: a link whose target resolves inside the root is followed (files and directories, with
 * a guard against cycles); a link resolving outside the root is refused when it names a manifest
 * file or a directory, since that would let a repository read arbitrary files of the host. A
 * symlinked directory inside the root yields its files twice, under both paths: the duplicates are
 * then reported by the parser. Files are opened with O_NOFOLLOW, so one swapped for a symlink after
 * the walk is refused rather than followed; FIFOs, sockets and devices named like manifests are
 * reported as "not a regular file" without blocking.
 */
import { constants, type Dirent } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { formatBytes } from "./bounded-size.js";
import { isInside, isManifestFileName } from "./safe-path.js";
import type { ManifestError, ManifestFile } from "./types.js";

export interface ReadManifestOptions {
  /** Files larger than this are refused unread. Default 1 MiB. */
  maxFileBytes?: number;
  /** Files read at the same time. Default 32. */
  concurrency?: number;
}

export interface ReadResult {
  /** Sorted by path (code-unit order); paths relative to the root with "/". */
  files: ManifestFile[];
  errors: ManifestError[];
}

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

interface Candidate {
  rel: string;
  full: string;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Collects `.yaml`, `.yml` and `.json` files under `root`, skipping folders whose name starts with
 * "." (.git, .github). `root` may be a single file, then read whatever its extension, under its
 * base name.
 */
export async function readManifestDirectory(root: string, options: ReadManifestOptions = {}): Promise<ReadResult> {
  const { maxFileBytes = DEFAULT_MAX_FILE_BYTES, concurrency = 32 } = options;
  const errors: ManifestError[] = [];
  let realRoot: string;
  let rootIsFile: boolean;
  try {
    realRoot = await fs.realpath(root);
    rootIsFile = (await fs.stat(realRoot)).isFile();
  } catch (cause) {
    return { files: [], errors: [{ file: root, message: `cannot read: ${describeError(cause)}` }] };
  }

  const candidates: Candidate[] = [];
  if (rootIsFile) candidates.push({ rel: path.basename(root), full: realRoot });
  else await walk(realRoot, "", realRoot, new Set([realRoot]), candidates, errors);

  const files: ManifestFile[] = [];
  for (let i = 0; i < candidates.length; i += concurrency) {
    const batch = candidates.slice(i, i + concurrency);
    const results = await Promise.all(batch.map((c) => readCandidate(c, maxFileBytes)));
    for (const result of results) {
      if ("content" in result) files.push(result);
      else errors.push(result);
    }
  }
  files.sort((a, b) => compare(a.path, b.path));
  errors.sort((a, b) => compare(a.file, b.file));
  return { files, errors };
}

async function walk(
  dir: string,
  relDir: string,
  realRoot: string,
  visited: Set<string>,
  out: Candidate[],
  errors: ManifestError[],
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (cause) {
    errors.push({ file: relDir || ".", message: `cannot read directory: ${describeError(cause)}` });
    return;
  }
  entries.sort((a, b) => compare(a.name, b.name));
  for (const entry of entries) {
    const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".")) await walk(full, rel, realRoot, visited, out, errors);
    } else if (entry.isFile()) {
      if (isManifestFileName(entry.name)) out.push({ rel, full });
    } else if (entry.isSymbolicLink()) {
      await followLink(entry.name, full, rel, realRoot, visited, out, errors);
    } else if (isManifestFileName(entry.name)) {
      // A FIFO, socket or device named like a manifest: read attempts refuse it with an error.
      out.push({ rel, full });
    }
  }
}

async function followLink(
  name: string,
  full: string,
  rel: string,
  realRoot: string,
  visited: Set<string>,
  out: Candidate[],
  errors: ManifestError[],
): Promise<void> {
  let target: string;
  let isDir: boolean;
  try {
    target = await fs.realpath(full);
    isDir = (await fs.stat(target)).isDirectory();
  } catch (cause) {
    if (isManifestFileName(name)) errors.push({ file: rel, message: `broken symlink: ${describeError(cause)}` });
    return;
  }
  if (!isDir && !isManifestFileName(name)) return;
  if (isDir && name.startsWith(".")) return;
  if (!isInside(realRoot, target)) {
    errors.push({ file: rel, message: "symlink points outside the source root; refused" });
    return;
  }
  if (!isDir) {
    out.push({ rel, full: target });
    return;
  }
  if (visited.has(target)) return; // A cycle, or a directory already walked through another link.
  visited.add(target);
  await walk(target, rel, realRoot, visited, out, errors);
}

async function readCandidate(candidate: Candidate, maxFileBytes: number): Promise<ManifestFile | ManifestError> {
  const file = candidate.rel;
  let handle: fs.FileHandle | undefined;
  try {
    // O_NOFOLLOW: a file swapped for a symlink after the walk is not followed out of the root.
    // O_NONBLOCK: opening a FIFO named like a manifest must not hang; fstat then refuses it.
    handle = await fs.open(candidate.full, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile()) return { file, message: "not a regular file" };
    if (stat.size > maxFileBytes) return tooLarge(file, stat.size, maxFileBytes);
    const bytes = await handle.readFile();
    // The file may have grown between stat and read.
    if (bytes.length > maxFileBytes) return tooLarge(file, bytes.length, maxFileBytes);
    return { path: file, content: decodeUtf8(bytes) };
  } catch (cause) {
    if (cause instanceof TypeError) return { file, message: "file is not valid UTF-8" };
    return { file, message: `cannot read file: ${describeError(cause)}` };
  } finally {
    await handle?.close();
  }
}

function tooLarge(file: string, size: number, limit: number): ManifestError {
  return { file, message: `file is ${formatBytes(size)}, larger than the ${formatBytes(limit)} limit` };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Strict UTF-8 (a leading byte-order mark is dropped); throws TypeError on invalid bytes. */
function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

function describeError(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "is a symlink (changed while reading?)";
  return cause instanceof Error ? cause.message : String(cause);
}
