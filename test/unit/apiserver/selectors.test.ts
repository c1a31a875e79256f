import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPod, type StoreServer, startStoreServer } from "./harness.js";

describe("list selectors", () => {
  let t: StoreServer;
  beforeAll(async () => {
    t = await startStoreServer();
    await t.registry.create(newPod("web-1", { labels: { app: "web", tier: "front" } }));
    await t.registry.create(newPod("web-2", { labels: { app: "web", tier: "back" } }));
    await t.registry.create(newPod("db", { labels: { app: "db" } }));
    await t.registry.create(newPod("web-3", { namespace: "kube-system", labels: { app: "web" } }));
  });
  afterAll(() => t.close());

  const names = async (query: string) => {
    const res = await t.request(`/api/v1/pods?${query}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { metadata: { name: string } }[] };
    return body.items.map((p) => p.metadata.name).sort();
  };

  it.each([
    ["labelSelector=app%3Dweb", ["web-1", "web-2", "web-3"]],
    ["labelSelector=app%3Dweb,tier!%3Dback", ["web-1", "web-3"]],
    ["labelSelector=tier", ["web-1", "web-2"]],
    ["labelSelector=app+in+(db,cache)", ["db"]],
    ["fieldSelector=metadata.name%3Ddb", ["db"]],
    ["fieldSelector=metadata.namespace%3Dkube-system", ["web-3"]],
    ["fieldSelector=metadata.namespace!%3Dkube-system&labelSelector=app%3Dweb", ["web-1", "web-2"]],
  ])("filters a list by ?%s", async (query, expected) => {
    expect(await names(query)).toEqual(expected);
  });

  it("passes selectors through the HTTP client", async () => {
    const list = await t.http.list("Pod", {
      namespace: "default",
      labelSelector: "app=web",
      fieldSelector: "metadata.name!=web-2",
    });
    expect(list.items.map((p) => p.metadata.name)).toEqual(["web-1"]);
  });

  it("answers a malformed selector with a 400 Status", async () => {
    const res = await t.request("/api/v1/pods?labelSelector=app%3D%3D%3D");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "BadRequest" });
  });
});
