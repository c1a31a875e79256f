/**
 * Docker's multiplexed stream format (containers without a TTY): frames of an 8-byte header —
 * byte 0 the stream (1 stdout, 2 stderr; 0 stdin), bytes 4..7 the payload length big-endian —
 * followed by the payload. Pure.
 */
import type { LogFrame } from "./container-runtime.js";

const HEADER = 8;

/** Splits a complete buffer into frames; a truncated last frame is an error. */
export function splitLogFrames(buffer: Buffer): LogFrame[] {
  const splitter = new LogFrameSplitter();
  const frames = splitter.push(buffer);
  if (splitter.pending > 0) throw new Error(`log stream ends inside a frame (${splitter.pending} bytes left over)`);
  return frames;
}

/** Splits a stream of chunks into frames; chunks may cut frames and headers anywhere. */
export class LogFrameSplitter {
  #rest: Buffer = Buffer.alloc(0);

  /** Bytes held back because they do not yet make a whole frame. */
  get pending(): number {
    return this.#rest.length;
  }

  push(chunk: Buffer): LogFrame[] {
    let buffer = this.#rest.length === 0 ? chunk : Buffer.concat([this.#rest, chunk]);
    const frames: LogFrame[] = [];
    while (buffer.length >= HEADER) {
      const kind = buffer[0];
      if ((kind !== 0 && kind !== 1 && kind !== 2) || buffer[1] || buffer[2] || buffer[3]) {
        throw new Error(`not a multiplexed log stream (header ${buffer.subarray(0, 4).toString("hex")})`);
      }
      const size = buffer.readUInt32BE(4);
      if (buffer.length < HEADER + size) break;
      const data = Buffer.from(buffer.subarray(HEADER, HEADER + size));
      if (kind !== 0) frames.push({ stream: kind === 2 ? "stderr" : "stdout", data });
      buffer = buffer.subarray(HEADER + size);
    }
    this.#rest = Buffer.from(buffer);
    return frames;
  }
}

/** Builds one frame as Docker sends it: for tests and fakes. */
export function encodeLogFrame(frame: LogFrame): Buffer {
  const header = Buffer.alloc(HEADER);
  header[0] = frame.stream === "stderr" ? 2 : 1;
  header.writeUInt32BE(frame.data.length, 4);
  return Buffer.concat([header, frame.data]);
}

/** The text of the frames of one stream (or of both, in order). */
export function framesToText(frames: LogFrame[], stream?: LogFrame["stream"]): string {
  return Buffer.concat(frames.filter((f) => stream === undefined || f.stream === stream).map((f) => f.data)).toString(
    "utf8",
  );
}
