import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { createDockerClient } from "../../../../src/kubelet/docker/client.js";
import { parseDockerEvent, watchDockerEvents } from "../../../../src/kubelet/docker/events.js";
import type { RuntimeEvent } from "../../../../src/kubelet/runtime/container-runtime.js";

const line = (action: string, id: string, time: number, type = "container") =>
  `${JSON.stringify({
    Type: type,
    Action: action,
    Actor: { ID: id, Attributes: { "io.slipway.node": "n1", name: `c-${id}`, image: "busybox", exitCode: "1" } },
    timeNano: time * 1e9,
  })}\n`;

/** A dockerode stand-in whose getEvents hands out the streams a test feeds. */
function fakeEngine() {
  const calls: Docker.GetEventsOptions[] = [];
  const streams: PassThrough[] = [];
  const docker = {
    modem: { socketPath: "/fake.sock" },
    getEvents: async (options: Docker.GetEventsOptions) => {
      calls.push(options);
      const stream = new PassThrough();
      streams.push(stream);
      return stream;
    },
  };
  return { client: createDockerClient({ docker: docker as unknown as Docker }), calls, streams };
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe("docker events", () => {
  it("reads die, destroy and oom of containers, with their labels and without Docker's own attributes", () => {
    expect(parseDockerEvent(line("destroy", "abc", 1))?.event).toEqual({
      type: "destroy",
      id: "abc",
      labels: { "io.slipway.node": "n1" },
    });
    expect(parseDockerEvent(line("oom", "abc", 1))?.event.type).toBe("oom");
  });

  it("ignores other actions, other object types and lines that are not JSON", () => {
    expect(parseDockerEvent(line("exec_die", "abc", 1))).toBeUndefined();
    expect(parseDockerEvent(line("start", "abc", 1))).toBeUndefined();
    expect(parseDockerEvent(line("destroy", "net", 1, "network"))).toBeUndefined();
    expect(parseDockerEvent("{not json")).toBeUndefined();
  });

  it("asks the engine for the given labels and re-opens a dropped stream from the last event's time", async () => {
    const engine = fakeEngine();
    const events: RuntimeEvent[] = [];
    const controller = new AbortController();
    const done = watchDockerEvents(engine.client, (e) => events.push(e), controller.signal, {
      labels: { "io.slipway.node": "n1" },
      retryMs: 1,
    });
    await until(() => engine.streams.length === 1);
    expect(engine.calls[0]?.filters).toEqual({
      type: ["container"],
      event: ["die", "destroy", "oom"],
      label: ["io.slipway.node=n1"],
    });
    // One event split across two chunks, then the connection drops.
    const text = line("die", "first", 1_700_000_000);
    engine.streams[0]?.write(text.slice(0, 20));
    engine.streams[0]?.write(text.slice(20));
    engine.streams[0]?.end();
    await until(() => engine.streams.length === 2);
    expect(engine.calls[1]?.since).toBe(1_700_000_000);
    engine.streams[1]?.write(line("destroy", "second", 1_700_000_001));
    await until(() => events.length === 2);
    expect(events.map((e) => `${e.type} ${e.id}`)).toEqual(["die first", "destroy second"]);

    controller.abort();
    await done;
    expect(engine.streams).toHaveLength(2);
  });
});
