import type { Command } from "commander";
import type { ConnectOptions } from "../connect.js";
import type { OutputFormat } from "../output/format.js";
import type { CommandResult } from "../result.js";

export interface ProgramIo {
  emit(result: CommandResult): void;
  /** Streams a line to stdout (watch output). */
  write(text: string): void;
  /** A line for the person at the terminal (stderr). */
  log(text: string): void;
  /** Aborted on SIGINT/SIGTERM: long-running commands stop cleanly. */
  signal: AbortSignal;
}

export interface Flags extends ConnectOptions {
  namespace: string;
  allNamespaces?: boolean;
  selector?: string;
  output?: OutputFormat;
  watch?: boolean;
  filename?: string;
  prune?: boolean;
  allowEmpty?: boolean;
  source?: string;
  dryRun?: boolean;
  listen: string;
  nodeName?: string;
  kubelet?: boolean;
  serviceCidr: string;
  serviceNodePortRange: string;
  nodePortAddress?: string;
  gitListen?: string;
  maxCount?: string;
  certificateAuthority?: string;
  overwrite?: boolean;
  replicas?: string;
  cascade?: "background" | "foreground" | "orphan";
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tail?: string;
}

export const KIND_HELP =
  "pods|po, replicationcontrollers|rc, replicasets|rs, deployments|deploy, services|svc, " +
  "endpoints|ep, configmaps|cm, secrets, namespaces|ns, nodes|no, events|ev";

export const EXIT_HELP = `
Exit codes:
  0 ok   1 changes found (diff) or some steps failed   2 usage error   3 invalid input
  4 not found   5 conflict   6 server unreachable or unauthorized   10 internal error
`;

export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
}

export function planFlags(f: Flags) {
  return {
    namespace: f.namespace,
    prune: f.prune === true,
    allowEmpty: f.allowEmpty === true,
    ...(f.source ? { source: f.source } : {}),
  };
}

export function getFlags(f: Flags) {
  return {
    namespace: f.namespace,
    ...(f.allNamespaces ? { allNamespaces: true } : {}),
    ...(f.selector ? { selector: f.selector } : {}),
    ...(f.output ? { output: f.output } : {}),
  };
}

export type Run = (
  handler: (args: string[], flags: Flags) => Promise<CommandResult>,
) => (...args: unknown[]) => Promise<void>;

/** Wraps a handler: positional arguments first, then every flag including the global ones. */
export function makeRun(io: ProgramIo): Run {
  return (handler) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const positional = args.slice(0, -2).flatMap((a) => (Array.isArray(a) ? [a as string[]] : [[a as string]]));
      io.emit(await handler(positional.flat(), cmd.optsWithGlobals() as Flags));
    };
}
