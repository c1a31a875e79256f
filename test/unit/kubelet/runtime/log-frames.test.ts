import { describe, expect, it } from "vitest";
import type { LogFrame } from "../../../../src/kubelet/runtime/container-runtime.js";
import {
  encodeLogFrame,
  framesToText,
  LogFrameSplitter,
  splitLogFrames,
} from "../../../../src/kubelet/runtime/log-frames.js";

const frames: LogFrame[] = [
  { stream: "stdout", data: Buffer.from("hello\n") },
  { stream: "stderr", data: Buffer.from("warning: x\n") },
  { stream: "stdout", data: Buffer.from("") },
  { stream: "stdout", data: Buffer.alloc(70_000, "a") },
];
const wire = Buffer.concat(frames.map(encodeLogFrame));

describe("log frames", () => {
  it("encode an 8-byte header: stream byte, three zero bytes, big-endian length", () => {
    expect([...encodeLogFrame({ stream: "stderr", data: Buffer.from("hi") })]).toEqual([
      2, 0, 0, 0, 0, 0, 0, 2, 104, 105,
    ]);
  });

  it("split a whole buffer back into its frames, in order", () => {
    expect(splitLogFrames(wire)).toEqual(frames);
  });

  it("split an empty buffer into no frames", () => {
    expect(splitLogFrames(Buffer.alloc(0))).toEqual([]);
  });

  it("refuse a buffer that ends inside a frame", () => {
    expect(() => splitLogFrames(wire.subarray(0, wire.length - 1))).toThrow(/ends inside a frame/);
  });

  it("refuse a stream that is not multiplexed (a TTY's raw output)", () => {
    expect(() => splitLogFrames(Buffer.from("plain text from a tty\n"))).toThrow(/not a multiplexed log stream/);
  });

  it("drop stdin frames", () => {
    const stdin = Buffer.concat([Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), Buffer.from("x")]);
    expect(splitLogFrames(Buffer.concat([stdin, encodeLogFrame(frames[0]!)]))).toEqual([frames[0]]);
  });

  it.each([1, 3, 7, 8, 9, 1000])("reassemble frames from chunks of %i bytes", (size) => {
    const splitter = new LogFrameSplitter();
    const out: LogFrame[] = [];
    for (let at = 0; at < wire.length; at += size) out.push(...splitter.push(wire.subarray(at, at + size)));
    expect(out).toEqual(frames);
    expect(splitter.pending).toBe(0);
  });

  it("give the text of one stream or of both", () => {
    expect(framesToText(frames.slice(0, 2), "stdout")).toBe("hello\n");
    expect(framesToText(frames.slice(0, 2), "stderr")).toBe("warning: x\n");
    expect(framesToText(frames.slice(0, 2))).toBe("hello\nwarning: x\n");
  });
});
