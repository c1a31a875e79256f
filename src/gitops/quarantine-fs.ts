/**
 * A read view of a repository plus a push's quarantine: while pre-receive runs, git keeps the
 * pushed objects in a separate directory (GIT_QUARANTINE_PATH) until every hook accepts them.
 * isomorphic-git knows nothing of that, so this fs serves `<gitdir>/objects/...` from the
 * quarantine first and the repository second.
 */
import { promises as fsp } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import type { PromiseFsClient } from "isomorphic-git";

export function quarantineFs(gitdir: string, quarantine: string): PromiseFsClient {
  const objects = join(gitdir, "objects");
  const inQuarantine = (path: string): string | undefined => {
    const rel = relative(objects, path);
    if (rel === "") return quarantine;
    if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
    return join(quarantine, rel);
  };
  /** Tries the quarantine copy of `path` first. */
  const either =
    <T>(op: (path: string, ...rest: never[]) => Promise<T>) =>
    async (path: string, ...rest: never[]): Promise<T> => {
      const q = inQuarantine(path);
      if (q) {
        try {
          return await op(q, ...rest);
        } catch {
          // Not pushed now: it is in the repository, or nowhere.
        }
      }
      return op(path, ...rest);
    };
  const readdir = async (path: string): Promise<string[]> => {
    const q = inQuarantine(path);
    const [mine, theirs] = await Promise.all([
      fsp.readdir(path).catch(() => undefined),
      q ? fsp.readdir(q).catch(() => undefined) : undefined,
    ]);
    if (!mine && !theirs) return fsp.readdir(path);
    return [...new Set([...(theirs ?? []), ...(mine ?? [])])];
  };
  return {
    promises: {
      readFile: either(fsp.readFile as (path: string, ...rest: never[]) => Promise<unknown>),
      stat: either(fsp.stat as (path: string, ...rest: never[]) => Promise<unknown>),
      lstat: either(fsp.lstat as (path: string, ...rest: never[]) => Promise<unknown>),
      readdir,
      readlink: fsp.readlink,
      writeFile: fsp.writeFile,
      unlink: fsp.unlink,
      mkdir: fsp.mkdir,
      rmdir: fsp.rmdir,
      symlink: fsp.symlink,
    },
  };
}
