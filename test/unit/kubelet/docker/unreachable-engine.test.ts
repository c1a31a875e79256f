/** A runtime pointed at a socket nobody listens on: the engine is unreachable, and says where. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../../src/api/errors.js";
import { DockerRuntime } from "../../../../src/kubelet/docker/docker-runtime.js";

describe("a runtime with no engine behind it", () => {
  let dir: string;
  let socket: string;
  const saved = process.env.DOCKER_HOST;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "slipway-nodocker-"));
    socket = join(dir, "docker.sock");
  });

  afterEach(async () => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it("follows DOCKER_HOST and reports the engine there as unreachable", async () => {
    process.env.DOCKER_HOST = `unix://${socket}`;
    const runtime = new DockerRuntime();
    expect(runtime.endpoint).toBe(socket);
    const error = await runtime.info().catch((e: unknown) => e);
    expect(isSlipwayError(error, "ServerUnreachable")).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`^cannot reach Docker at ${socket}: .*ENOENT`));
  });

  it("names the socket of a given dockerode instance", async () => {
    const runtime = new DockerRuntime({ docker: new Docker({ socketPath: socket }) });
    const error = await runtime.listContainers({}).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(`cannot reach Docker at ${socket}`);
  });

  it("reports an unreachable engine as an error, not as an image pull failure", async () => {
    const runtime = new DockerRuntime({ docker: new Docker({ socketPath: socket }) });
    await expect(runtime.ensureImage("slipway.local/busybox:1", "IfNotPresent")).rejects.toMatchObject({
      code: "ServerUnreachable",
    });
    await expect(runtime.ensureImage("slipway.local/busybox:1", "Always")).rejects.toMatchObject({
      code: "ServerUnreachable",
    });
  });
});
