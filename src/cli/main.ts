#!/usr/bin/env node
/**
 * The only place that prints and exits. Known errors print a short message and a hint on stderr;
 * unknown ones (bugs) print their stack. Exit codes: see result.ts and README.md.
 */
import { CommanderError } from "commander";
import { isSlipwayError } from "../api/errors.js";
import { colorEnabled, paint } from "./output/color.js";
import { buildProgram } from "./program.js";
import { EXIT, exitCodeFor } from "./result.js";

function printError(error: unknown): number {
  const color = colorEnabled(process.stderr);
  if (isSlipwayError(error)) {
    process.stderr.write(`${paint(color, "red", "error:")} ${error.message}\n`);
    if (error.hint) process.stderr.write(`${paint(color, "dim", "hint:")} ${error.hint}\n`);
  } else {
    process.stderr.write(
      `${paint(color, "red", "internal error:")} ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  return exitCodeFor(error);
}

async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => controller.abort());
  let exitCode: number = EXIT.ok;
  const program = buildProgram({
    emit(result) {
      if (result.output) process.stdout.write(result.output.endsWith("\n") ? result.output : `${result.output}\n`);
      if (result.notes) process.stderr.write(`${result.notes}\n`);
      exitCode = result.exitCode;
    },
    write: (text) => process.stdout.write(`${text}\n`),
    log: (text) => process.stderr.write(`${text}\n`),
    signal: controller.signal,
  });
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are "errors" to commander; a real usage error has already been printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return printError(error);
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = printError(error);
  },
);
