import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlipwayError } from "../../../src/api/errors.js";
import { KINDS } from "../../../src/api/kinds.js";
import { failingClient } from "../../helpers/failing-client.js";
import { startTestServer, type TestServer } from "./harness.js";

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  verbs: string[];
}

describe("discovery", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(failingClient(new SlipwayError("NotFound", "unused")));
  });
  afterAll(() => t.close());

  const get = async (path: string) => {
    const res = await t.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    return (await res.json()) as Record<string, unknown>;
  };

  it("lists the core version at /api", async () => {
    expect(await get("/api")).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
  });

  it("lists the apps group at /apis and /apis/apps", async () => {
    const groups = await get("/apis");
    expect(groups).toMatchObject({
      kind: "APIGroupList",
      groups: [{ name: "apps", versions: [{ groupVersion: "apps/v1", version: "v1" }] }],
    });
    expect(await get("/apis/apps")).toMatchObject({ kind: "APIGroup", name: "apps" });
  });

  it.each([
    ["/api/v1", "", "v1"],
    ["/apis/apps/v1", "apps", "apps/v1"],
  ])("describes every kind served at %s with scope, short names, verbs and status", async (path, group, gv) => {
    const doc = await get(path);
    expect(doc).toMatchObject({ kind: "APIResourceList", groupVersion: gv });
    const resources = doc.resources as ApiResource[];
    for (const k of KINDS.filter((k) => k.group === group)) {
      const entry = resources.find((r) => r.name === k.resource);
      expect(entry).toMatchObject({ kind: k.kind, namespaced: k.namespaced });
      expect(entry?.shortNames ?? []).toEqual([...k.shortNames]);
      expect(entry?.verbs).toEqual(expect.arrayContaining(["get", "list", "watch", "create", "delete", "patch"]));
      const status = resources.find((r) => r.name === `${k.resource}/status`);
      if (k.hasStatus) expect(status).toMatchObject({ kind: k.kind, verbs: ["get", "patch", "update"] });
      else expect(status).toBeUndefined();
      const scale = resources.find((r) => r.name === `${k.resource}/scale`);
      if (["Deployment", "ReplicaSet", "ReplicationController"].includes(k.kind)) {
        expect(scale).toMatchObject({ kind: "Scale", group: "autoscaling", version: "v1" });
      } else {
        expect(scale).toBeUndefined();
      }
    }
  });

  it("answers /version and /openapi/v2", async () => {
    expect(await get("/version")).toMatchObject({ major: "1", gitVersion: expect.stringMatching(/^v1\./) });
    expect(await get("/openapi/v2")).toMatchObject({ swagger: "2.0" });
  });

  it("lists an OpenAPI v3 document per group version, each naming fieldValidation on every kind's PATCH", async () => {
    const root = (await get("/openapi/v3")) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(root.paths).sort()).toEqual(["api/v1", "apis/apps/v1"]);
    for (const k of KINDS) {
      const gv = k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`;
      const url = root.paths[gv]?.serverRelativeURL ?? "";
      const doc = (await get(url)) as { paths: Record<string, { patch?: Record<string, unknown> }> };
      const patch = Object.values(doc.paths)
        .map((p) => p.patch)
        .find((op) => (op?.["x-kubernetes-group-version-kind"] as { kind?: string } | undefined)?.kind === k.kind);
      expect(patch?.["x-kubernetes-group-version-kind"]).toEqual({ group: k.group, version: k.version, kind: k.kind });
      expect(patch?.parameters).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query" }));
    }
  });

  it.each(["/openapi/v3/apis/batch/v1", "/apis/batch", "/apis/batch/v1", "/api/v2", "/metrics"])(
    "answers %s with a 404 Status",
    async (path) => {
      const res = await t.request(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ kind: "Status", reason: "NotFound", code: 404 });
    },
  );

  it("refuses writes to discovery documents with 405", async () => {
    const res = await t.request("/api/v1", { method: "POST", body: "{}" });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "MethodNotAllowed" });
  });
});
