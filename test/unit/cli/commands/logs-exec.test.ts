import { afterEach, describe, expect, it } from "vitest";
import type { PodIo, PodLogOptions } from "../../../../src/apiserver/pod-io.js";
import { execCommand } from "../../../../src/cli/commands/exec.js";
import { logsCommand, parseTail, podName } from "../../../../src/cli/commands/logs.js";
import { waitFor } from "../../../helpers/wait-for.js";
import { currentContainer, type PodIoStack, runningPod, startPodIoStack } from "../../apiserver/pod-io-harness.js";

/** A PodIo that hands out fixed chunks and records what it was asked. */
function chunksIo(chunks: string[]): PodIo & { asked: PodLogOptions[] } {
  const asked: PodLogOptions[] = [];
  return {
    asked,
    async logs(_ns, _pod, options = {}) {
      asked.push(options);
      return (async function* () {
        for (const c of chunks) yield Buffer.from(c);
      })();
    },
    exec: async () => ({ exitCode: 0, stdout: "", stderr: "" }),
  };
}

const never = new AbortController().signal;

describe("slipway logs", () => {
  it("returns the output and passes container, tail and previous on", async () => {
    const io = chunksIo(["one\n", "two\n"]);
    const result = await logsCommand(
      io,
      "pod/web",
      { namespace: "default", container: "app", tail: 2, previous: true },
      () => {},
      never,
    );
    expect(result).toEqual({ output: "one\ntwo\n", exitCode: 0 });
    expect(io.asked).toEqual([{ container: "app", tailLines: 2, previous: true }]);
  });

  it("writes whole lines while following, even when a line arrives in pieces", async () => {
    const lines: string[] = [];
    const result = await logsCommand(
      chunksIo(["fir", "st\nsec", "ond\n", "tail"]),
      "web",
      { namespace: "default", follow: true },
      (l) => lines.push(l),
      never,
    );
    expect(lines).toEqual(["first", "second"]);
    expect(result.output).toBe("tail");
  });

  it("reads POD, pod/POD and po/POD, and refuses other kinds", () => {
    expect(podName("web")).toBe("web");
    expect(podName("pods/web")).toBe("web");
    expect(podName("po/web")).toBe("web");
    expect(() => podName("deploy/web")).toThrow(/expected a pod/);
  });

  it("takes --tail -1 as everything and refuses what is not an integer", () => {
    expect(parseTail("-1")).toBeUndefined();
    expect(parseTail("5")).toBe(5);
    expect(() => parseTail("x")).toThrow(/--tail/);
  });
});

describe("slipway exec", () => {
  it("exits with the command's exit code, stdout as output and stderr as notes", async () => {
    const io: PodIo = {
      logs: async () => (async function* () {})(),
      exec: async (_ns, _pod, options) => ({ exitCode: 3, stdout: `${options.command.at(-1)}\n`, stderr: "warn\n" }),
    };
    expect(await execCommand(io, "web", ["sh", "-c", "hi"], { namespace: "default" })).toEqual({
      output: "hi\n",
      exitCode: 3,
      notes: "warn",
    });
  });

  it("refuses an empty command", async () => {
    await expect(execCommand(chunksIo([]), "web", [], { namespace: "default" })).rejects.toThrow(/needs a command/);
  });
});

describe("logs -f through the API server and the kubelet", () => {
  let s: PodIoStack;
  afterEach(async () => {
    await s?.close();
  });

  it("prints a line written while following, and returns on Ctrl-C", async () => {
    s = await startPodIoStack();
    const pod = await runningPod(s.h, "web");
    const id = currentContainer(s.h, pod).details.id;
    s.h.runtime.writeLog(id, "old\n");
    const controller = new AbortController();
    const lines: string[] = [];
    const running = logsCommand(
      s.io,
      "web",
      { namespace: "default", follow: true },
      (l) => lines.push(l),
      controller.signal,
    );
    await waitFor(() => lines.length === 1, "the old line");
    s.h.runtime.writeLog(id, "new\n");
    await waitFor(() => lines.length === 2, "the new line");
    controller.abort();
    expect(await running).toEqual({ output: "", exitCode: 0 });
    expect(lines).toEqual(["old", "new"]);
  });
});
