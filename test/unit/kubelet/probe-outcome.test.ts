import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/types/index.js";
import { probeOutcome } from "../../../src/kubelet/index.js";
import { FakeRuntime } from "../../helpers/fake-runtime.js";
import { IMAGE } from "./kubelet-harness.js";

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

async function listen(status: number): Promise<number> {
  const s = createServer((_req, res) => {
    res.statusCode = status;
    res.end();
  });
  server = s;
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return (s.address() as AddressInfo).port;
}

const container: Container = { name: "c", image: IMAGE };

function ctx(runtime = new FakeRuntime()) {
  return { runtime, containerId: "x", container, podIP: "127.0.0.1" };
}

describe("probe outcomes say why a probe failed, in the kubelet's words", () => {
  it("gives an HTTP probe's status code", async () => {
    const port = await listen(503);
    expect(await probeOutcome({ httpGet: { port } }, ctx())).toEqual({
      ok: false,
      output: "HTTP probe failed with statuscode: 503",
    });
  });

  it("gives the URL and the connection error when nothing listens", async () => {
    const port = await listen(200);
    server?.close();
    await new Promise((resolve) => server?.once("close", resolve));
    const outcome = await probeOutcome({ httpGet: { port, path: "/ready" } }, ctx());
    expect(outcome.ok).toBe(false);
    expect(outcome.output).toMatch(new RegExp(`^Get "http://127.0.0.1:${port}/ready": .*ECONNREFUSED`));
    const tcp = await probeOutcome({ tcpSocket: { port } }, ctx());
    expect(tcp.output).toMatch(new RegExp(`^dial tcp 127.0.0.1:${port}: .*ECONNREFUSED`));
  });

  it("gives an exec probe's output", async () => {
    const runtime = new FakeRuntime({ images: [IMAGE] });
    runtime.execHandler = () => ({ exitCode: 1, stdout: "db down\n", stderr: "" });
    // The fake needs a running container to exec in.
    const sandbox = await runtime.createSandbox({
      pod: { uid: "u", namespace: "default", name: "p" },
      node: "n",
      specHash: "h",
      attempt: 0,
    });
    const started = await runtime.startContainer({
      sandbox,
      pod: { uid: "u", namespace: "default", name: "p" },
      node: "n",
      spec: { name: "c", image: IMAGE, specHash: "h", attempt: 0 },
    });
    const outcome = await probeOutcome({ exec: { command: ["check"] } }, { ...ctx(runtime), containerId: started.id });
    expect(outcome).toEqual({ ok: false, output: "db down" });
  });

  it("passes with no output", async () => {
    const port = await listen(200);
    expect(await probeOutcome({ httpGet: { port } }, ctx())).toEqual({ ok: true, output: "" });
  });
});
