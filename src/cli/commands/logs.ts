/**
 * `slipway logs POD [-c C] [-f] [--previous] [--tail N]`: a container's output through the API
 * server, which proxies it to the pod's kubelet (the pod may run on another machine).
 */
import { SlipwayError } from "../../api/errors.js";
import type { PodIo } from "../../apiserver/pod-io.js";
import { type CommandResult, ok } from "../result.js";

export interface LogsOptions {
  namespace: string;
  container?: string;
  follow?: boolean;
  previous?: boolean;
  tail?: number;
}

/** `pod/NAME`, `pods/NAME`, `po/NAME` or a bare name: the pod's name. */
export function podName(target: string): string {
  const slash = target.indexOf("/");
  if (slash < 0) return target;
  const kind = target.slice(0, slash).toLowerCase();
  const name = target.slice(slash + 1);
  if (!["pod", "pods", "po"].includes(kind) || !name) {
    throw new SlipwayError("Usage", `expected a pod (NAME or pod/NAME), not ${JSON.stringify(target)}`);
  }
  return name;
}

/** `--tail N`: a non-negative integer; kubectl's -1 (everything) is the same as leaving it out. */
export function parseTail(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < -1) throw new SlipwayError("Usage", `--tail must be an integer >= -1, not ${text}`);
  return n < 0 ? undefined : n;
}

/**
 * Without follow, returns the output. With follow, streams whole lines through `write` (which adds
 * the newline) until the container stops or `signal` aborts (Ctrl-C), and returns what is left.
 */
export async function logsCommand(
  io: PodIo,
  pod: string,
  options: LogsOptions,
  write: (line: string) => void,
  signal: AbortSignal,
): Promise<CommandResult> {
  const stream = await io.logs(options.namespace, podName(pod), {
    ...(options.container ? { container: options.container } : {}),
    ...(options.tail !== undefined ? { tailLines: options.tail } : {}),
    ...(options.previous ? { previous: true } : {}),
    ...(options.follow ? { follow: true, signal } : {}),
  });
  if (!options.follow) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return ok(Buffer.concat(chunks).toString("utf8"));
  }
  // Lines may be split across chunks: hold the unfinished one back until its newline arrives.
  let pending = "";
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) write(line);
  }
  return ok(pending + decoder.decode());
}
