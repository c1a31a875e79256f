/** Source-relative paths: the one spelling every source uses, and the check that keeps them inside. */
import * as path from "node:path";

/** True for a file name the manifest readers collect: `.yaml`, `.yml`, `.json`, any case. */
export function isManifestFileName(name: string): boolean {
  return /\.(?:ya?ml|json)$/i.test(name);
}

/**
 * Returns why a source-relative path is unsafe (absolute, a `..` segment, a backslash, empty
 * segments), or undefined when it stays inside the root. Git trees and archives can carry such paths.
 */
export function unsafeRelativePath(relative: string): string | undefined {
  if (relative === "" || relative.startsWith("/") || /^[A-Za-z]:/.test(relative)) return "path is absolute or empty";
  if (relative.includes("\\")) return "path contains a backslash";
  if (relative.includes("\0")) return "path contains a NUL character";
  const segments = relative.split("/");
  if (segments.includes("..")) return "path escapes the source root";
  if (segments.some((s) => s === "." || s === "")) return "path is not normalized (empty or '.' segment)";
  return undefined;
}

/** True when `target` (an absolute, resolved path) is `root` or inside it. */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** `a/b/c.yaml` from a native relative path. */
export function toSlashes(relative: string): string {
  return relative.split(path.sep).join("/");
}
