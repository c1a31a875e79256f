/**
 * Manifests from a commit's tree, never a working copy. Unchanged subtrees (same tree id as in the
 * last load) are not walked again and unchanged blobs (same blob id) are not read again; what is
 * read is parsed with the source's parseManifests, cached by blob id.
 */
import * as nodeFs from "node:fs";
import { existsSync } from "node:fs";
import { join, posix } from "node:path";
import git, { type PromiseFsClient } from "isomorphic-git";
import { SlipwayError } from "../api/errors.js";
import {
  isManifestFileName,
  ManifestCache,
  type ManifestError,
  type ManifestFile,
  type ManifestObject,
  type ParseStats,
  parseManifests,
} from "../source/index.js";

/** Who and what a commit says about itself. */
export interface CommitInfo {
  revision: string;
  author: string;
  committer: string;
  /** ISO time of the commit (committer time). */
  date: string;
  message: string;
}

export interface GitSourceOptions {
  /** A repository path: a bare repository, or a working copy whose `.git` is used. */
  repository: string;
  /** Default "main". */
  branch?: string;
  /** A folder inside the tree, "" (the default) for the whole tree. */
  folder?: string;
  defaultNamespace?: string;
  cache?: ManifestCache;
}

export interface GitLoad {
  commit: CommitInfo;
  /** Manifest files under the folder, sorted by path (relative to the repository root). */
  files: ManifestFile[];
  objects: ManifestObject[];
  /** Non-empty: refuse the whole set. */
  errors: ManifestError[];
  stats: ParseStats & { treesRead: number; blobsRead: number };
}

/** One file or symlink of a subtree, its path relative to that subtree. */
interface Leaf {
  path: string;
  oid: string;
  /** The blob content; for a symlink, its target. */
  content: string;
  symlink: boolean;
}

const SYMLINK_MODE = "120000";
const MAX_LINK_DEPTH = 8;

/** The gitdir of a repository path: `path/.git` for a working copy, else the path itself. */
export function gitdirOf(repository: string): string {
  return existsSync(join(repository, ".git")) ? join(repository, ".git") : repository;
}

/**
 * Reads one repository's commits. Keeps the subtrees of the last load to skip what did not change,
 * so consecutive loads must not run concurrently on one instance (callers serialize them).
 */
export class GitSource {
  readonly gitdir: string;
  readonly branch: string;
  readonly folder: string;
  readonly #defaultNamespace: string;
  readonly #cache: ManifestCache;
  readonly #packCache = {};
  #subtrees = new Map<string, Leaf[]>();

  constructor(options: GitSourceOptions) {
    this.gitdir = gitdirOf(options.repository);
    this.branch = options.branch ?? "main";
    this.folder = (options.folder ?? "").replace(/^\/+|\/+$/g, "");
    this.#defaultNamespace = options.defaultNamespace ?? "default";
    this.#cache = options.cache ?? new ManifestCache();
  }

  /** The commit the branch points at; NotFound when the branch does not exist. */
  async head(fs: PromiseFsClient = nodeFs): Promise<string> {
    try {
      return await git.resolveRef({ fs, gitdir: this.gitdir, ref: `refs/heads/${this.branch}` });
    } catch (cause) {
      throw new SlipwayError("NotFound", `branch "${this.branch}" not found in ${this.gitdir}`, { cause });
    }
  }

  /** Commit metadata. */
  async commitInfo(revision: string, fs: PromiseFsClient = nodeFs): Promise<CommitInfo> {
    const { commit } = await git.readCommit({ fs, gitdir: this.gitdir, oid: revision, cache: this.#packCache });
    const person = (p: { name: string; email: string }) => `${p.name} <${p.email}>`;
    return {
      revision,
      author: person(commit.author),
      committer: person(commit.committer),
      date: new Date(commit.committer.timestamp * 1000).toISOString(),
      message: commit.message.trim(),
    };
  }

  /**
   * Loads the manifests of `revision` (a commit id). `fs` lets a caller overlay objects not yet in
   * the repository (a push's quarantine). Problems in files, a missing folder and symlinks leaving
   * the repository are `errors`; an unreadable repository or commit throws.
   */
  async load(revision: string, fs: PromiseFsClient = nodeFs): Promise<GitLoad> {
    const commit = await this.commitInfo(revision, fs);
    const stats = { treesRead: 0, blobsRead: 0 };
    const errors: ManifestError[] = [];
    const used = new Map<string, Leaf[]>();
    const blobs = new Map<string, string>();
    for (const leaves of this.#subtrees.values()) for (const l of leaves) blobs.set(l.oid, l.content);

    const readSubtree = async (oid: string): Promise<Leaf[]> => {
      const known = this.#subtrees.get(oid) ?? used.get(oid);
      if (known) {
        used.set(oid, known);
        return known;
      }
      stats.treesRead++;
      const { tree } = await git.readTree({ fs, gitdir: this.gitdir, oid, cache: this.#packCache });
      const leaves: Leaf[] = [];
      for (const entry of tree) {
        if (entry.type === "tree") {
          for (const leaf of await readSubtree(entry.oid)) leaves.push({ ...leaf, path: `${entry.path}/${leaf.path}` });
          continue;
        }
        if (entry.type !== "blob") continue; // submodules
        const symlink = entry.mode === SYMLINK_MODE;
        if (!symlink && !isManifestFileName(entry.path)) continue;
        let content = blobs.get(entry.oid);
        if (content === undefined) {
          stats.blobsRead++;
          const { blob } = await git.readBlob({ fs, gitdir: this.gitdir, oid: entry.oid, cache: this.#packCache });
          content = Buffer.from(blob).toString("utf8");
          blobs.set(entry.oid, content);
        }
        leaves.push({ path: entry.path, oid: entry.oid, content, symlink });
      }
      used.set(oid, leaves);
      return leaves;
    };

    let rootTree: string | undefined;
    try {
      rootTree = (await git.readTree({ fs, gitdir: this.gitdir, oid: revision, filepath: this.folder || undefined }))
        .oid;
    } catch {
      errors.push({ file: this.folder || ".", message: `folder not found in commit ${revision.slice(0, 7)}` });
    }
    const leaves = rootTree ? await readSubtree(rootTree) : [];
    this.#subtrees = used;

    const prefix = this.folder ? `${this.folder}/` : "";
    const byPath = new Map(leaves.map((l) => [`${prefix}${l.path}`, l]));
    const files: ManifestFile[] = [];
    for (const [path, leaf] of byPath) {
      if (!leaf.symlink) {
        files.push({ path, content: leaf.content, hash: leaf.oid });
        continue;
      }
      const followed = await this.#follow(path, leaf.content, byPath, revision, fs);
      if ("error" in followed) errors.push({ file: path, message: followed.error });
      else if (isManifestFileName(path)) files.push({ path, content: followed.content, hash: followed.oid });
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const parsed = parseManifests(files, { defaultNamespace: this.#defaultNamespace, cache: this.#cache });
    return {
      commit,
      files,
      objects: parsed.objects,
      errors: [...errors, ...parsed.errors],
      stats: { ...parsed.stats, ...stats },
    };
  }

  /** Resolves a symlink inside the commit's tree; targets leaving the repository are refused. */
  async #follow(
    path: string,
    target: string,
    byPath: Map<string, Leaf>,
    revision: string,
    fs: PromiseFsClient,
  ): Promise<{ content: string; oid: string } | { error: string }> {
    let from = path;
    let to = target;
    for (let depth = 0; depth < MAX_LINK_DEPTH; depth++) {
      const resolved = posix.normalize(posix.join(posix.dirname(from), to));
      if (posix.isAbsolute(to) || resolved === ".." || resolved.startsWith("../")) {
        return { error: `symlink to "${target}" leaves the repository; refused` };
      }
      const known = byPath.get(resolved);
      if (known && !known.symlink) return { content: known.content, oid: known.oid };
      if (known) {
        from = resolved;
        to = known.content;
        continue;
      }
      if (!isManifestFileName(path)) return { content: "", oid: "" }; // a link to a folder or other file: not read
      try {
        const { oid, blob } = await git.readBlob({ fs, gitdir: this.gitdir, oid: revision, filepath: resolved });
        return { content: Buffer.from(blob).toString("utf8"), oid };
      } catch {
        return { error: `symlink to "${target}": no such file in the commit` };
      }
    }
    return { error: `symlink to "${target}": too many levels of links` };
  }
}
