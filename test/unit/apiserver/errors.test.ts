import { afterEach, describe, expect, it } from "vitest";
import { formatFieldError, invalidObjectError, SlipwayError } from "../../../src/api/errors.js";
import { failingClient } from "../../helpers/failing-client.js";
import { startTestServer, type TestServer } from "./harness.js";

const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: {} };

describe("errors as Status objects", () => {
  let t: TestServer | undefined;
  afterEach(() => t?.close());

  it.each([
    [new SlipwayError("NotFound", 'pods "web" not found', { details: { name: "web", kind: "pods" } }), 404, "NotFound"],
    [
      new SlipwayError("AlreadyExists", 'pods "web" already exists', { details: { name: "web" } }),
      409,
      "AlreadyExists",
    ],
    [new SlipwayError("Conflict", "the object has been modified", { details: { name: "web" } }), 409, "Conflict"],
  ])("answers %s with HTTP %i and a Status, and the HTTP client throws the same error", async (error, code, reason) => {
    t = await startTestServer(failingClient(error));
    const res = await t.request("/api/v1/namespaces/default/pods/web");
    expect(res.status).toBe(code);
    expect(await res.json()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: error.message,
      reason,
      code,
      details: error.details,
    });
    const thrown = await t.http.get("Pod", "default", "web").catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(SlipwayError);
    expect(thrown).toMatchObject({ code: error.code, message: error.message, details: error.details });
  });

  it("answers an invalid object with 422, causes and field paths; the HTTP client rebuilds the field errors", async () => {
    const error = invalidObjectError("Pod", "web", [
      { type: "Required", field: "spec.containers[0].image" },
      {
        type: "Invalid",
        field: "spec.containers[0].ports[0].containerPort",
        badValue: 70000,
        detail: "must be 1-65535",
      },
    ]);
    t = await startTestServer(failingClient(error));
    const res = await t.request("/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify(pod) });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      kind: "Status",
      status: "Failure",
      reason: "Invalid",
      code: 422,
      message: error.message,
      details: {
        kind: "Pod",
        name: "web",
        causes: [
          { reason: "FieldValueRequired", message: "Required value", field: "spec.containers[0].image" },
          {
            reason: "FieldValueInvalid",
            message: "Invalid value: 70000: must be 1-65535",
            field: "spec.containers[0].ports[0].containerPort",
          },
        ],
      },
    });
    const thrown = (await t.http.create(pod).catch((e: unknown) => e)) as SlipwayError;
    expect(thrown.code).toBe("Invalid");
    expect(thrown.fieldErrors).toEqual(error.fieldErrors);
    expect(thrown.fieldErrors.map((e) => formatFieldError(e))).toEqual(
      error.fieldErrors.map((e) => formatFieldError(e)),
    );
  });

  it("answers a bug with a 500 Status that leaks no stack trace", async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'spec')");
    const seen: unknown[] = [];
    t = await startTestServer(failingClient(bug), { onInternalError: (e) => seen.push(e) });
    const res = await t.request("/api/v1/pods");
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/Cannot read|at .*\.ts|TypeError/);
    expect(JSON.parse(text)).toMatchObject({ kind: "Status", reason: "InternalError", code: 500 });
    expect(seen).toEqual([bug]);
  });

  it("refuses a body over the size limit with 413", async () => {
    t = await startTestServer(failingClient(new Error("must not be reached")), { maxBodyBytes: 1024 });
    const big = { ...pod, metadata: { ...pod.metadata, annotations: { a: "x".repeat(2048) } } };
    const res = await t.request("/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify(big) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "RequestEntityTooLarge", code: 413 });
  });

  it("answers an oversized create from the HTTP client with a 413 it can read, not a reset connection", async () => {
    t = await startTestServer(failingClient(new Error("must not be reached")));
    const big = { ...pod, metadata: { ...pod.metadata, annotations: { a: "x".repeat(4 * 1024 * 1024) } } };
    const error = await t.http.create(big).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "BadRequest", message: expect.stringContaining("larger than the limit") });
  });

  it("refuses a body that is not JSON with 400", async () => {
    t = await startTestServer(failingClient(new Error("must not be reached")));
    const res = await t.request("/api/v1/namespaces/default/pods", { method: "POST", body: "{nope" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "BadRequest" });
  });

  it.each([
    ["application/apply-patch+yaml", "apiVersion: v1"],
    ["application/yaml", "{}"],
    ["text/plain", "{}"],
  ])("refuses a PATCH with Content-Type %s with 415", async (contentType, body) => {
    t = await startTestServer(failingClient(new Error("must not be reached")));
    const res = await t.request("/api/v1/namespaces/default/pods/web", {
      method: "PATCH",
      body,
      headers: { "Content-Type": contentType },
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "UnsupportedMediaType", code: 415 });
  });

  it("refuses an unsupported method on an object with 405", async () => {
    t = await startTestServer(failingClient(new Error("must not be reached")));
    const res = await t.request("/api/v1/namespaces/default/pods/web", { method: "POST", body: "{}" });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "MethodNotAllowed" });
  });

  it.each([
    ["a namespace that disagrees with the path", { metadata: { name: "web", namespace: "other" } }],
    ["a kind that disagrees with the path", { kind: "Service", metadata: { name: "web" } }],
  ])("refuses a create with %s with 400", async (_what, patch) => {
    t = await startTestServer(failingClient(new Error("must not be reached")));
    const body = { ...pod, ...patch };
    const res = await t.request("/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "BadRequest" });
  });
});
