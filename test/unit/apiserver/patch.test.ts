import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { type StoreServer, startStoreServer } from "./harness.js";

function twoContainerPod(): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default", labels: { app: "web", tier: "front" } },
    spec: {
      containers: [
        { name: "app", image: "app:1" },
        { name: "sidecar", image: "proxy:1" },
      ],
    },
  };
}

const containers = (obj: KubeObject) => (obj.spec as { containers: { name: string; image: string }[] }).containers;
/** Name and image of each container: defaults may add other fields. */
const images = (obj: KubeObject) => containers(obj).map(({ name, image }) => ({ name, image }));

describe("PATCH", () => {
  let t: StoreServer;
  beforeEach(async () => {
    t = await startStoreServer();
    await t.registry.create(twoContainerPod());
  });
  afterEach(() => t.close());

  const patch = (body: unknown, contentType: string, path = "/api/v1/namespaces/default/pods/web") =>
    t.request(path, { method: "PATCH", body: JSON.stringify(body), headers: { "Content-Type": contentType } });

  it("applies a JSON merge patch (null removes a key, lists are replaced)", async () => {
    const res = await patch({ metadata: { labels: { tier: null, v: "2" } } }, "application/merge-patch+json");
    expect(res.status).toBe(200);
    const live = await t.registry.get("Pod", "default", "web");
    expect(live.metadata.labels).toEqual({ app: "web", v: "2" });
  });

  it("applies a JSON patch", async () => {
    const res = await patch(
      [
        { op: "replace", path: "/spec/containers/1/image", value: "proxy:2" },
        { op: "add", path: "/metadata/labels/v", value: "2" },
      ],
      "application/json-patch+json",
    );
    expect(res.status).toBe(200);
    const live = await t.registry.get("Pod", "default", "web");
    expect(images(live)).toEqual([
      { name: "app", image: "app:1" },
      { name: "sidecar", image: "proxy:2" },
    ]);
    expect(live.metadata.labels?.v).toBe("2");
  });

  it("applies a strategic merge patch, merging containers by name", async () => {
    const res = await patch(
      { spec: { containers: [{ name: "sidecar", image: "proxy:2" }] } },
      "application/strategic-merge-patch+json",
    );
    expect(res.status).toBe(200);
    expect(images(await t.registry.get("Pod", "default", "web"))).toEqual([
      { name: "app", image: "app:1" },
      { name: "sidecar", image: "proxy:2" },
    ]);
  });

  it.each([
    ["merge", { metadata: { labels: { v: "3" } } }],
    ["json", [{ op: "add", path: "/metadata/labels/v", value: "3" }]],
    ["strategic", { metadata: { labels: { v: "3" } } }],
  ] as const)("sends a %s patch through the HTTP client", async (type, body) => {
    const patched = await t.http.patch("Pod", "default", "web", body, type);
    expect(patched.metadata.labels?.v).toBe("3");
    expect((await t.registry.get("Pod", "default", "web")).metadata.labels?.v).toBe("3");
  });

  it("answers a JSON patch whose test fails with an error and changes nothing", async () => {
    const before = await t.registry.get("Pod", "default", "web");
    const res = await patch([{ op: "test", path: "/metadata/labels/app", value: "db" }], "application/json-patch+json");
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await t.registry.get("Pod", "default", "web")).toEqual(before);
  });

  it("writes nothing for a dry-run patch", async () => {
    const dry = await t.http.patch("Pod", "default", "web", { metadata: { labels: { v: "9" } } }, "merge", {
      dryRun: true,
    });
    expect(dry.metadata.labels?.v).toBe("9");
    expect((await t.registry.get("Pod", "default", "web")).metadata.labels?.v).toBeUndefined();
  });
});

describe("the status subresource", () => {
  let t: StoreServer;
  beforeEach(async () => {
    t = await startStoreServer();
    await t.registry.create(twoContainerPod());
  });
  afterEach(() => t.close());

  it("writes status through PUT .../status and leaves spec alone", async () => {
    const live = await t.http.get("Pod", "default", "web");
    const sent = structuredClone(live);
    sent.status = { phase: "Running" };
    containers(sent)[0]!.image = "app:changed";
    const res = await t.request("/api/v1/namespaces/default/pods/web/status", {
      method: "PUT",
      body: JSON.stringify(sent),
    });
    expect(res.status).toBe(200);
    const after = await t.registry.get("Pod", "default", "web");
    expect(after.status).toEqual({ phase: "Running" });
    expect(containers(after)[0]!.image).toBe("app:1");
  });

  it("ignores status on a PUT of the object itself", async () => {
    await t.registry.updateStatus({ ...(await t.registry.get("Pod", "default", "web")), status: { phase: "Pending" } });
    const live = await t.http.get("Pod", "default", "web");
    const updated = await t.http.update({ ...live, status: { phase: "Failed" } });
    expect(updated.status).toEqual({ phase: "Pending" });
  });

  it("patches status through PATCH .../status and leaves spec alone", async () => {
    const res = await t.request("/api/v1/namespaces/default/pods/web/status", {
      method: "PATCH",
      body: JSON.stringify({ status: { phase: "Running" }, spec: { nodeName: "ignored" } }),
      headers: { "Content-Type": "application/merge-patch+json" },
    });
    expect(res.status).toBe(200);
    const after = await t.registry.get("Pod", "default", "web");
    expect(after.status).toEqual({ phase: "Running" });
    expect((after.spec as { nodeName?: string }).nodeName).toBeUndefined();
  });

  it("reads the object at GET .../status", async () => {
    const res = await t.request("/api/v1/namespaces/default/pods/web/status");
    expect(await res.json()).toEqual(await t.registry.get("Pod", "default", "web"));
  });

  it("goes through updateStatus in the HTTP client", async () => {
    const live = await t.http.get("Pod", "default", "web");
    const after = await t.http.updateStatus({ ...live, status: { phase: "Succeeded" } });
    expect(after.status).toEqual({ phase: "Succeeded" });
  });

  it("has no status subresource for kinds without one", async () => {
    const res = await t.request("/api/v1/namespaces/default/configmaps/x/status");
    expect(res.status).toBe(404);
  });
});
