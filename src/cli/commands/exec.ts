/**
 * `slipway exec POD [-c C] -- CMD [ARG...]`: runs a command in a pod's container through the API
 * server and the pod's kubelet, to its end. Non-interactive: no stdin and no TTY (`-it` is not
 * supported yet). The command's stdout is the output, its stderr the notes, its exit code ours.
 */
import { SlipwayError } from "../../api/errors.js";
import type { PodIo } from "../../apiserver/pod-io.js";
import type { CommandResult } from "../result.js";
import { podName } from "./logs.js";

export interface ExecCommandOptions {
  namespace: string;
  container?: string;
}

export async function execCommand(
  io: PodIo,
  pod: string,
  command: string[],
  options: ExecCommandOptions,
): Promise<CommandResult> {
  if (command.length === 0) {
    throw new SlipwayError("Usage", "exec needs a command after --", { hint: "slipway exec POD -- sh -c 'echo hi'" });
  }
  const result = await io.exec(options.namespace, podName(pod), {
    command,
    ...(options.container ? { container: options.container } : {}),
  });
  // A negative code (the kubelet gave up waiting) is not a valid process exit code.
  const exitCode = result.exitCode >= 0 && result.exitCode <= 255 ? result.exitCode : 1;
  const stderr = result.stderr.replace(/\n$/, "");
  return stderr ? { output: result.stdout, exitCode, notes: stderr } : { output: result.stdout, exitCode };
}
