import { type AddressInfo, createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlipwayError } from "../../../src/api/errors.js";
import { createHttpClient } from "../../../src/apiserver/http-client.js";
import { failingClient } from "../../helpers/failing-client.js";
import { startTestServer, type TestServer } from "./harness.js";

describe("bearer token authentication", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(failingClient(new SlipwayError("NotFound", "nothing here")));
  });
  afterAll(() => t.close());

  it.each([
    ["no token", null],
    ["a wrong token", "f".repeat(64)],
    ["an empty token", ""],
  ])("refuses a request with %s with a 401 Status", async (_what, token) => {
    for (const path of ["/api/v1/pods", "/api", "/healthz", "/version", "/nothing"]) {
      const res = await t.request(path, { token });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ kind: "Status", status: "Failure", reason: "Unauthorized", code: 401 });
    }
  });

  it("lets a request with the right token through", async () => {
    const res = await t.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
  });

  it("makes the HTTP client fail with Unauthorized on a wrong token", async () => {
    const client = createHttpClient({ server: t.server.url, token: "wrong" });
    await expect(client.get("Pod", "default", "x")).rejects.toMatchObject({ code: "Unauthorized" });
  });
});

describe("an unreachable server", () => {
  it("makes the HTTP client fail with ServerUnreachable when the server accepts but never answers", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const client = createHttpClient({ server: `http://127.0.0.1:${port}`, token: "x", timeoutMs: 50 });
      await expect(client.get("Pod", "default", "x")).rejects.toMatchObject({
        code: "ServerUnreachable",
        message: expect.stringContaining("ETIMEDOUT"),
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("makes the HTTP client fail with ServerUnreachable and a hint", async () => {
    const t = await startTestServer(failingClient(new Error("unused")));
    const url = t.server.url;
    await t.close();
    const client = createHttpClient({ server: url, token: "x" });
    const error = await client.list("Pod").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: "ServerUnreachable" });
    expect((error as SlipwayError).hint).toMatch(/slipway up/);
  });
});
