import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { SlipwayError } from "../api/errors.js";
import type { DnatRule, ServiceRules } from "./service-rules.js";

/** The prefix of every nat chain the service proxy makes. */
export const SERVICES_CHAIN_PREFIX = "SLIPWAY-SVC-";

/**
 * The nat chain of one node's proxy: one per node name, so several nodes (or test engines) on one
 * host never rewrite or delete each other's rules, and a restarted node finds (and replaces) the
 * chain a crashed run left.
 */
export function servicesChainFor(nodeName: string): string {
  return SERVICES_CHAIN_PREFIX + createHash("sha256").update(nodeName).digest("hex").slice(0, 12).toUpperCase();
}

/** Where the chain is hooked: host processes (OUTPUT) and containers on a bridge (PREROUTING). */
const HOOKS = ["OUTPUT", "PREROUTING"] as const;

function run(command: string, args: readonly string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? `${command} is not installed` : stderr.trim();
      reject(
        new SlipwayError("Internal", `${command} ${args.join(" ")}: ${reason || error.message}`, {
          hint: "the service proxy needs root and iptables (apt-get install -y iptables)",
          cause: error,
        }),
      );
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** The `iptables-restore` input that makes `chain` hold exactly `rules` (declaring it flushes it). */
export function restoreInput(chain: string, rules: readonly DnatRule[]): string {
  const lines = ["*nat", `:${chain} - [0:0]`];
  for (const r of rules) {
    lines.push(
      `-A ${chain} -d ${r.clusterIP}/32 -p tcp -m tcp --dport ${r.port} -j DNAT --to-destination ${r.toHost}:${r.toPort}`,
    );
  }
  lines.push("COMMIT", "");
  return lines.join("\n");
}

/**
 * DNAT rules in a nat chain of their own, jumped to first from OUTPUT and PREROUTING. The chain is
 * rewritten whole with `iptables-restore --noflush` (one atomic commit, other chains untouched);
 * `-w` waits for the xtables lock Docker also takes.
 */
export class IptablesRules implements ServiceRules {
  readonly #chain: string;
  #hooked = false;

  constructor(chain: string) {
    if (!/^[A-Za-z0-9_-]{1,28}$/.test(chain)) throw new Error(`invalid iptables chain name "${chain}"`);
    this.#chain = chain;
  }

  get chain(): string {
    return this.#chain;
  }

  async sync(rules: readonly DnatRule[]): Promise<void> {
    await run("iptables-restore", ["-w", "--noflush"], restoreInput(this.#chain, rules));
    if (!this.#hooked) {
      for (const hook of HOOKS) {
        const exists = await run("iptables", ["-w", "-t", "nat", "-C", hook, "-j", this.#chain]).then(
          () => true,
          () => false,
        );
        if (!exists) await run("iptables", ["-w", "-t", "nat", "-I", hook, "1", "-j", this.#chain]);
      }
      this.#hooked = true;
    }
  }

  async cleanup(): Promise<void> {
    const quiet = (args: string[]) =>
      run("iptables", ["-w", "-t", "nat", ...args]).then(
        () => true,
        () => false,
      );
    for (const hook of HOOKS) {
      // A hook inserted twice (two proxies sharing a chain) is removed wholly.
      for (let i = 0; i < 16 && (await quiet(["-D", hook, "-j", this.#chain])); i++);
    }
    await quiet(["-F", this.#chain]);
    await quiet(["-X", this.#chain]);
    this.#hooked = false;
  }
}
