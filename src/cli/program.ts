/**
 * The command tree: flags, help and examples. Each action resolves a client, calls its handler
 * and hands the result to `io.emit`; only main.ts prints and exits.
 */

import { Command } from "commander";
import { addEngineCommands } from "./program/engine.js";
import { addObjectCommands } from "./program/objects.js";
import { EXIT_HELP, examples, makeRun, type ProgramIo } from "./program/shared.js";
import { addWorkloadCommands } from "./program/workloads.js";

export type { ProgramIo } from "./program/shared.js";

export function buildProgram(io: ProgramIo): Command {
  const program = new Command("slipway")
    .description("A small Kubernetes-style control plane on Docker, driven from Git.")
    .option("--state <dir>", "state directory of the engine (default $SLIPWAY_STATE or ~/.local/state/slipway)")
    .option("--server <url>", "API server URL, instead of finding it through --state")
    .option("--token <token>", "bearer token for --server")
    .option(
      "--certificate-authority <file>",
      "PEM CA to trust for an https --server (that engine's <state>/tls/server.crt)",
    )
    .option("-n, --namespace <ns>", "namespace of the objects", "default")
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      examples(
        "slipway up                          # start the engine in the foreground",
        "slipway apply -f examples/nginx     # make the engine hold what the folder declares",
        "slipway diff -f examples/nginx      # preview the change; exit 1 when there is one",
        "slipway get pods -o wide            # list like kubectl",
      ) + EXIT_HELP,
    );
  const run = makeRun(io);
  addEngineCommands(program, io, run);
  addObjectCommands(program, io, run);
  addWorkloadCommands(program, io, run);
  return program;
}
