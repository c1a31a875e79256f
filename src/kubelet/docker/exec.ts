/** Runs a command inside a running container and collects its output and exit code. */
import type { Duplex } from "node:stream";
import type { ExecOptions, ExecResult, LogFrame } from "../runtime/container-runtime.js";
import { framesToText, LogFrameSplitter } from "../runtime/log-frames.js";
import type { DockerClient } from "./client.js";

export async function execInContainer(
  client: DockerClient,
  id: string,
  cmd: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const what = `exec in container ${id}`;
  const exec = await client.call(what, (d) =>
    d.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, AttachStdin: false, Tty: false }),
  );
  const stream = (await client.call(what, () => exec.start({ hijack: true, stdin: false }))) as Duplex;
  const splitter = new LogFrameSplitter();
  const frames: LogFrame[] = [];
  const timedOut = await new Promise<boolean>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        stream.destroy();
        resolve(true);
      }, options.timeoutMs);
    }
    const settle = (error?: unknown) => {
      if (timer) clearTimeout(timer);
      if (error) reject(error);
      else resolve(false);
    };
    stream.on("data", (chunk: Buffer) => {
      try {
        frames.push(...splitter.push(chunk));
      } catch (error) {
        stream.destroy();
        settle(error);
      }
    });
    stream.on("end", () => settle());
    stream.on("close", () => settle());
    stream.on("error", (error) => settle(error));
  });
  const stdout = framesToText(frames, "stdout");
  const stderr = framesToText(frames, "stderr");
  if (timedOut) return { exitCode: -1, stdout, stderr, timedOut: true };
  // The output can end a moment before the engine records the exit code.
  for (let i = 0; ; i++) {
    const info = await client.call(what, () => exec.inspect());
    if (!info.Running && info.ExitCode !== null) return { exitCode: info.ExitCode, stdout, stderr, timedOut: false };
    if (i >= 100) return { exitCode: info.ExitCode ?? -1, stdout, stderr, timedOut: false };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
