import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { type StoreServer, startStoreServer } from "./harness.js";

function deployment(replicas: number): KubeObject {
  const labels = { app: "web" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "busybox" }] } },
    },
  };
}

const PATH = "/apis/apps/v1/namespaces/default/deployments/web/scale";
const replicas = (obj: KubeObject) => (obj.spec as { replicas?: number }).replicas;

describe("the scale subresource", () => {
  let t: StoreServer;
  beforeEach(async () => {
    t = await startStoreServer();
    await t.registry.create(deployment(2));
  });
  afterEach(() => t.close());

  it("reads a Deployment's replicas and selector as an autoscaling/v1 Scale", async () => {
    const live = await t.registry.get("Deployment", "default", "web");
    const res = await t.request(PATH);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      apiVersion: "autoscaling/v1",
      kind: "Scale",
      metadata: {
        name: "web",
        namespace: "default",
        uid: live.metadata.uid,
        resourceVersion: live.metadata.resourceVersion,
        creationTimestamp: live.metadata.creationTimestamp,
      },
      spec: { replicas: 2 },
      status: { replicas: 0, selector: "app=web" },
    });
  });

  it.each([
    ["merge", "application/merge-patch+json", { spec: { replicas: 5 } }],
    ["strategic", "application/strategic-merge-patch+json", { spec: { replicas: 5 } }],
    ["json", "application/json-patch+json", [{ op: "replace", path: "/spec/replicas", value: 5 }]],
  ])("sets spec.replicas through a %s PATCH, as kubectl scale does", async (_type, contentType, body) => {
    const res = await t.request(PATH, {
      method: "PATCH",
      body: JSON.stringify(body),
      headers: { "Content-Type": contentType },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: "Scale", spec: { replicas: 5 } });
    expect(replicas(await t.registry.get("Deployment", "default", "web"))).toBe(5);
  });

  it("sets spec.replicas through a PUT, and refuses a stale resourceVersion with 409", async () => {
    const scale = (await (await t.request(PATH)).json()) as { metadata: { resourceVersion: string } };
    const put = (replicasWanted: number) =>
      t.request(PATH, {
        method: "PUT",
        body: JSON.stringify({ ...scale, spec: { replicas: replicasWanted } }),
      });
    expect((await put(3)).status).toBe(200);
    expect(replicas(await t.registry.get("Deployment", "default", "web"))).toBe(3);
    const stale = await put(4);
    expect(stale.status).toBe(409);
    expect(replicas(await t.registry.get("Deployment", "default", "web"))).toBe(3);
  });

  it("refuses negative replicas with 422 naming spec.replicas", async () => {
    const res = await t.request(PATH, {
      method: "PATCH",
      body: JSON.stringify({ spec: { replicas: -1 } }),
      headers: { "Content-Type": "application/merge-patch+json" },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      details: {
        causes: [{ field: "spec.replicas", message: "Invalid value: -1: must be greater than or equal to 0" }],
      },
    });
  });

  it("writes nothing on a dry run", async () => {
    const res = await t.request(`${PATH}?dryRun=All`, {
      method: "PATCH",
      body: JSON.stringify({ spec: { replicas: 9 } }),
      headers: { "Content-Type": "application/merge-patch+json" },
    });
    expect(await res.json()).toMatchObject({ spec: { replicas: 9 } });
    expect(replicas(await t.registry.get("Deployment", "default", "web"))).toBe(2);
  });

  it("exists only for scalable kinds", async () => {
    expect((await t.request("/api/v1/namespaces/default/pods/web/scale")).status).toBe(404);
  });
});
