/**
 * Keeps dependencies pointing inward (STYLE.md): api ← {source, store, sync} ← {apiserver, ...} ← cli,
 * and keeps the pure layers free of disk, network and database access.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../../src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Top-level folder under src a file belongs to. */
function layer(file: string): string {
  return relative(SRC, file).split("/")[0]!;
}

/** Module specifiers a file imports, except node:net's pure address checks (isIP and friends). */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s([^'"]*?)from\s+["']([^"']+)["']/gm)]
    .filter((m) => !(m[2] === "node:net" && /^\{\s*isIP(v4|v6)?(\s*,\s*isIP(v4|v6)?)*\s*\}\s*$/.test(m[1]!.trim())))
    .map((m) => m[2]!);
}

const ALLOWED: Record<string, string[]> = {
  api: ["api"],
  source: ["api", "source"],
  store: ["api", "store"],
  sync: ["api", "sync"],
  apiserver: ["api", "apiserver"],
  controllers: ["api", "controllers"],
  kubelet: ["api", "controllers", "kubelet"],
  scheduler: ["api", "controllers", "scheduler"],
  proxy: ["api", "controllers", "kubelet", "proxy"],
  gitops: ["api", "source", "sync", "gitops"],
  cli: ["api", "source", "store", "sync", "apiserver", "controllers", "scheduler", "kubelet", "proxy", "gitops", "cli"],
};

/** Pure layers: no I/O of their own, so plans and validation can be tested without any. */
const PURE = new Set(["api", "sync"]);
const IMPURE_MODULES = /^(node:(fs|http|https|net|child_process|dgram)(\/.*)?|better-sqlite3|dockerode)$/;

const sources = files(SRC);

describe("module dependencies", () => {
  it("finds the source files", () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  it.each(sources.map((f) => [relative(SRC, f), f]))("%s imports only from allowed layers", (_, file) => {
    const own = layer(file);
    const allowed = ALLOWED[own];
    expect(allowed, `no dependency rule for src/${own}`).toBeDefined();
    for (const specifier of imports(file)) {
      if (specifier.startsWith(".")) {
        const target = layer(resolve(dirname(file), specifier));
        expect(allowed, `${relative(SRC, file)} imports ${specifier}`).toContain(target);
      } else if (PURE.has(own)) {
        expect(specifier, `${relative(SRC, file)} is pure but imports ${specifier}`).not.toMatch(IMPURE_MODULES);
      }
    }
  });
});
