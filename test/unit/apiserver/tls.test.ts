import { X509Certificate } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlipwayError } from "../../../src/api/errors.js";
import { certificateFits, createServingCertificate } from "../../../src/apiserver/certificate.js";
import { ensureServingCertificate } from "../../../src/apiserver/credentials.js";
import { createHttpClient } from "../../../src/apiserver/http-client.js";
import { failingClient } from "../../helpers/failing-client.js";
import { startTestServer, TOKEN } from "./harness.js";

describe("the serving certificate", () => {
  it("is a self-signed CA for the loopback names and the given hosts", () => {
    const pair = createServingCertificate({ hosts: ["10.0.0.5", "::1", "cp.example", "0.0.0.0"] });
    const x509 = new X509Certificate(pair.cert);
    expect(x509.ca).toBe(true);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.subjectAltName).toBe(
      "IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost, IP Address:10.0.0.5, DNS:cp.example",
    );
    expect(x509.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(x509.checkHost("cp.example")).toBe("cp.example");
  });

  it("does not fit hosts it does not name, nor once it is about to expire", () => {
    const pair = createServingCertificate({ hosts: ["10.0.0.5"], days: 30 });
    expect(certificateFits(pair, ["10.0.0.5"])).toBe(true);
    expect(certificateFits(pair, ["10.0.0.6"])).toBe(false);
    expect(certificateFits(pair, [], new Date(Date.now() + 30 * 24 * 3600 * 1000))).toBe(false);
  });

  describe("in a state directory", () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), "slipway-tls-"));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it("is generated once with a 0600 key, kept, and regenerated when a new host needs it", async () => {
      const first = await ensureServingCertificate(dir);
      expect((await stat(join(dir, "tls", "server.key"))).mode & 0o777).toBe(0o600);
      expect(await ensureServingCertificate(dir)).toEqual(first);
      const widened = await ensureServingCertificate(dir, ["10.9.9.9"]);
      expect(widened.cert).not.toBe(first.cert);
      expect(new X509Certificate(widened.cert).checkIP("10.9.9.9")).toBe("10.9.9.9");
    });
  });
});

describe("an https API server", () => {
  it("is reached by the HTTP client that trusts its certificate, and refused by one that does not", async () => {
    const tls = createServingCertificate();
    const t = await startTestServer(failingClient(new SlipwayError("NotFound", 'pods "x" not found')), { tls });
    try {
      expect(t.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const trusting = createHttpClient({ server: t.server.url, token: TOKEN, ca: tls.cert });
      await expect(trusting.get("Pod", "default", "x")).rejects.toMatchObject({ code: "NotFound" });
      const untrusting = createHttpClient({ server: t.server.url, token: TOKEN });
      await expect(untrusting.get("Pod", "default", "x")).rejects.toMatchObject({ code: "ServerUnreachable" });
    } finally {
      await t.close();
    }
  });
});
