/**
 * Container logs. Containers run without a TTY, so Docker multiplexes stdout and stderr: a
 * non-follow read is one buffer split into frames here; a follow read is a stream demultiplexed
 * with docker-modem's demuxStream, handed out as an async iterable of frames.
 */
import { Writable } from "node:stream";
import type { FollowLogOptions, LogFrame, LogOptions } from "../runtime/container-runtime.js";
import { splitLogFrames } from "../runtime/log-frames.js";
import type { DockerClient } from "./client.js";
import { toRuntimeError } from "./errors.js";

function logQuery(options: LogOptions) {
  return {
    stdout: true,
    stderr: true,
    timestamps: options.timestamps ?? false,
    ...(options.tail !== undefined ? { tail: options.tail } : {}),
    ...(options.since !== undefined ? { since: options.since } : {}),
  };
}

export async function readLogs(client: DockerClient, id: string, options: LogOptions = {}): Promise<LogFrame[]> {
  const buffer = await client.call(`logs of container ${id}`, (d) =>
    d.getContainer(id).logs({ ...logQuery(options), follow: false }),
  );
  return splitLogFrames(Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer));
}

/**
 * Yields frames as the container writes them; ends when the container stops, when `signal`
 * aborts, or when the consumer stops iterating (the HTTP stream is closed in every case).
 */
export async function* followLogs(
  client: DockerClient,
  id: string,
  options: FollowLogOptions = {},
): AsyncGenerator<LogFrame, void, undefined> {
  const { signal } = options;
  if (signal?.aborted) return;
  const stream = (await client.call(`follow logs of container ${id}`, (d) =>
    d.getContainer(id).logs({ ...logQuery(options), follow: true }),
  )) as NodeJS.ReadableStream & { destroy(): void };
  const queue: LogFrame[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const sink = (name: LogFrame["stream"]) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        queue.push({ stream: name, data: Buffer.from(chunk) });
        notify();
        callback();
      },
    });
  client.docker.modem.demuxStream(stream, sink("stdout"), sink("stderr"));
  const finish = () => {
    done = true;
    notify();
  };
  stream.on("end", finish);
  stream.on("close", finish);
  stream.on("error", (error: unknown) => {
    failure = error;
    finish();
  });
  const onAbort = () => {
    stream.destroy();
    finish();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      const frame = queue.shift();
      if (frame) {
        yield frame;
        continue;
      }
      if (done) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
    if (failure !== undefined && !signal?.aborted)
      throw toRuntimeError(failure, `follow logs of ${id}`, client.endpoint);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    stream.destroy();
  }
}
