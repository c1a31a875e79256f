import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SlipwayError } from "../../../src/api/errors.js";
import type { KubeObject } from "../../../src/api/object.js";
import { newPod, type StoreServer, startStoreServer } from "./harness.js";

describe("CRUD through HTTP", () => {
  let t: StoreServer;
  beforeEach(async () => {
    t = await startStoreServer();
  });
  afterEach(() => t.close());

  it("creates, reads, lists, updates and deletes a namespaced Pod", async () => {
    const created = await t.http.create(newPod("web"));
    expect(created.metadata).toMatchObject({ name: "web", namespace: "default" });
    expect(created.metadata.uid).toBeTruthy();
    expect(created.metadata.resourceVersion).toBeTruthy();

    expect(await t.http.get("Pod", "default", "web")).toEqual(created);
    expect(await t.registry.get("Pod", "default", "web")).toEqual(created);

    const listed = await t.http.list("Pod", { namespace: "default" });
    expect(listed.items).toEqual([created]);
    expect(listed.resourceVersion).toBe(created.metadata.resourceVersion);

    const changed = structuredClone(created);
    changed.metadata.labels = { tier: "front" };
    const updated = await t.http.update(changed);
    expect(updated.metadata.labels).toEqual({ tier: "front" });
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(Number(created.metadata.resourceVersion));

    expect(await t.http.delete("Pod", "default", "web")).toBeUndefined();
    await expect(t.registry.get("Pod", "default", "web")).rejects.toMatchObject({ code: "NotFound" });
  });

  it("creates, reads, updates and deletes a cluster-scoped Node", async () => {
    const node: KubeObject = { apiVersion: "v1", kind: "Node", metadata: { name: "node-1" }, spec: {} };
    const created = await t.http.create(node);
    expect(created.metadata.namespace ?? "").toBe("");
    const res = await t.request("/api/v1/nodes/node-1");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(created);
    const updated = await t.http.update({ ...created, metadata: { ...created.metadata, labels: { zone: "a" } } });
    expect(updated.metadata.labels).toEqual({ zone: "a" });
    expect((await t.http.list("Node")).items.map((n) => n.metadata.name)).toEqual(["node-1"]);
    await t.http.delete("Node", "", "node-1");
    await expect(t.http.get("Node", "", "node-1")).rejects.toMatchObject({ code: "NotFound" });
  });

  it("serves Namespaces at /api/v1/namespaces[/<name>]", async () => {
    const ns: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } };
    const res = await t.request("/api/v1/namespaces", { method: "POST", body: JSON.stringify(ns) });
    expect(res.status).toBe(201);
    const got = await t.request("/api/v1/namespaces/prod");
    expect(await got.json()).toMatchObject({ kind: "Namespace", metadata: { name: "prod" } });
    const names = (await t.http.list("Namespace")).items.map((n) => n.metadata.name);
    expect(names).toContain("prod");
  });

  it("answers a list with a PodList carrying the version it was read at", async () => {
    await t.http.create(newPod("a"));
    await t.http.create(newPod("b", { namespace: "kube-system" }));
    const res = await t.request("/api/v1/namespaces/default/pods");
    const body = (await res.json()) as { metadata: { resourceVersion: string }; items: KubeObject[] };
    expect(body).toMatchObject({ apiVersion: "v1", kind: "PodList" });
    expect(body.items.map((p) => p.metadata.name)).toEqual(["a"]);
    expect(body.metadata.resourceVersion).toBe((await t.registry.list("Pod")).resourceVersion);
    const all = (await (await t.request("/api/v1/pods")).json()) as { items: KubeObject[] };
    expect(all.items.map((p) => p.metadata.name).sort()).toEqual(["a", "b"]);
  });

  it("answers a create with 201 and the stored object", async () => {
    const res = await t.request("/api/v1/namespaces/default/pods", {
      method: "POST",
      body: JSON.stringify(newPod("web")),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual(await t.registry.get("Pod", "default", "web"));
  });

  it("takes the namespace from the path when the body has none", async () => {
    const pod = newPod("web");
    delete pod.metadata.namespace;
    const res = await t.request("/api/v1/namespaces/default/pods", { method: "POST", body: JSON.stringify(pod) });
    expect(res.status).toBe(201);
    expect((await t.registry.get("Pod", "default", "web")).metadata.namespace).toBe("default");
  });

  it("answers a delete of an object removed at once with a Success Status", async () => {
    await t.http.create(newPod("web"));
    const res = await t.request("/api/v1/namespaces/default/pods/web", {
      method: "DELETE",
      body: JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: "Status", status: "Success", details: { name: "web" } });
  });

  it("answers a delete held by a finalizer with the marked object", async () => {
    const pod = newPod("web");
    pod.metadata.finalizers = ["example.com/hold"];
    await t.http.create(pod);
    const marked = await t.http.delete("Pod", "default", "web");
    expect(marked?.metadata.deletionTimestamp).toBeTruthy();
    expect((await t.registry.get("Pod", "default", "web")).metadata.deletionTimestamp).toBeTruthy();
  });

  it("refuses a delete whose uid precondition does not hold, and keeps the object", async () => {
    await t.http.create(newPod("web"));
    const error = await t.http.delete("Pod", "default", "web", { uid: "not-the-uid" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlipwayError);
    expect(error).toMatchObject({ code: "Conflict" });
    await expect(t.registry.get("Pod", "default", "web")).resolves.toBeTruthy();
  });

  it("reads DeleteOptions from the query string too", async () => {
    await t.http.create(newPod("web"));
    const res = await t.request("/api/v1/namespaces/default/pods/web?propagationPolicy=Sideways", {
      method: "DELETE",
    });
    expect(res.status).toBe(400);
    await expect(t.registry.get("Pod", "default", "web")).resolves.toBeTruthy();
  });

  it("writes nothing on ?dryRun=All", async () => {
    const dry = await t.http.create(newPod("web"), { dryRun: true });
    expect(dry.metadata.name).toBe("web");
    await expect(t.registry.get("Pod", "default", "web")).rejects.toMatchObject({ code: "NotFound" });
    await t.http.create(newPod("web"));
    const res = await t.request("/api/v1/namespaces/default/pods/web?dryRun=All", { method: "DELETE" });
    expect(res.status).toBe(200);
    await expect(t.registry.get("Pod", "default", "web")).resolves.toBeTruthy();
  });

  it("answers get of a missing object with 404 NotFound", async () => {
    const res = await t.request("/api/v1/namespaces/default/pods/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ kind: "Status", reason: "NotFound", code: 404 });
  });

  it("answers a second create with 409 AlreadyExists and a stale update with 409 Conflict", async () => {
    const created = await t.http.create(newPod("web"));
    await expect(t.http.create(newPod("web"))).rejects.toMatchObject({ code: "AlreadyExists" });
    await t.http.update({ ...created, metadata: { ...created.metadata, labels: { a: "1" } } });
    const stale = await t.request("/api/v1/namespaces/default/pods/web", {
      method: "PUT",
      body: JSON.stringify({ ...created, metadata: { ...created.metadata, labels: { a: "2" } } }),
    });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ kind: "Status", reason: "Conflict", code: 409 });
  });

  it("refuses a PUT whose name disagrees with the path", async () => {
    const created = await t.http.create(newPod("web"));
    const res = await t.request("/api/v1/namespaces/default/pods/other", {
      method: "PUT",
      body: JSON.stringify(created),
    });
    expect(res.status).toBe(400);
  });
});
