import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureToken } from "../../../src/apiserver/credentials.js";
import { readKubeconfig, writeKubeconfig } from "../../../src/apiserver/kubeconfig.js";

describe("credentials", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "slipway-kubeconfig-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("generates a 32-byte hex token on first use, mode 0600, and reads the same one afterwards", async () => {
    const state = join(dir, "state");
    const token = await ensureToken(state);
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(join(state, "token"))).mode & 0o777).toBe(0o600);
    expect(await ensureToken(state)).toBe(token);
  });

  it("gives different state directories different tokens", async () => {
    expect(await ensureToken(join(dir, "a"))).not.toBe(await ensureToken(join(dir, "b")));
  });

  it("refuses a token file that holds no valid token", async () => {
    await writeFile(join(dir, "token"), "short\n");
    await expect(ensureToken(dir)).rejects.toMatchObject({ code: "BadRequest" });
  });

  it("writes a kubeconfig with cluster, user and context slipway, mode 0600", async () => {
    const path = join(dir, "kubeconfig");
    await writeKubeconfig({ path, server: "http://127.0.0.1:6443", token: "abc" });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const config = parse(await readFile(path, "utf8"));
    expect(config).toMatchObject({
      apiVersion: "v1",
      kind: "Config",
      "current-context": "slipway",
      clusters: [{ name: "slipway", cluster: { server: "http://127.0.0.1:6443" } }],
      users: [{ name: "slipway", user: { token: "abc" } }],
      contexts: [{ name: "slipway", context: { cluster: "slipway", user: "slipway" } }],
    });
    expect(config.clusters[0].cluster["certificate-authority-data"]).toBeUndefined();
  });

  it("carries the CA of an https server as certificate-authority-data", async () => {
    const path = join(dir, "kubeconfig");
    const ca = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    await writeKubeconfig({ path, server: "https://127.0.0.1:6443", token: "abc", ca });
    const config = parse(await readFile(path, "utf8"));
    expect(Buffer.from(config.clusters[0].cluster["certificate-authority-data"], "base64").toString()).toBe(ca);
  });

  it.each([
    ["http without a CA", "http://127.0.0.1:6443", undefined],
    ["https with a CA", "https://127.0.0.1:6443", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"],
  ])("reads back the server, token and CA it wrote (%s)", async (_what, server, ca) => {
    const path = join(dir, "kubeconfig");
    await writeKubeconfig({ path, server, token: "t0k", ...(ca ? { ca } : {}) });
    expect(await readKubeconfig(path)).toEqual({ server, token: "t0k", ...(ca ? { ca } : {}) });
  });

  it("reports a missing kubeconfig as ServerUnreachable with a hint", async () => {
    const error = await readKubeconfig(join(dir, "nope")).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ServerUnreachable", hint: expect.stringContaining("slipway up") });
  });

  it("refuses a kubeconfig whose current context names no token", async () => {
    const path = join(dir, "kubeconfig");
    await writeFile(path, "current-context: x\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n");
    await expect(readKubeconfig(path)).rejects.toMatchObject({ code: "ServerUnreachable" });
  });
});
