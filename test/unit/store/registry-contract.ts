import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { applyStrategicMergePatch } from "../../../src/api/strategic-merge.js";
import type { KvBackend } from "../../../src/store/backend.js";
import { createRegistry, type Registry } from "../../../src/store/registry.js";
import { newConfigMap, newNamespace, newPod, rejection } from "../../helpers/store-objects.js";
import type { KvBackendFactory } from "./kv-contract.js";

/** Strategic merge is another part's work; its test runs once it exists. */
const strategicMergeImplemented = deepEqualJson(applyStrategicMergePatch("ConfigMap", { a: 1 }, { a: 2 }), { a: 2 });

function deepEqualJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const CONFLICT =
  'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again';

/** Registers the object-semantics tests of the registry over any backend. */
export function describeRegistryContract(name: string, factory: KvBackendFactory): void {
  describe(`${name}: registry objects`, () => {
    let backend: KvBackend;
    let registry: Registry;
    beforeEach(async () => {
      backend = await factory();
      registry = createRegistry(backend);
    });
    afterEach(async () => {
      await registry.close();
    });

    describe("create", () => {
      it("fills uid, creationTimestamp, generation and resourceVersion", async () => {
        const created = await registry.create(newConfigMap("c"));
        expect(created.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
        expect(created.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(created.metadata.generation).toBe(1);
        expect(created.metadata.resourceVersion).toBe(String(await backend.currentRevision()));
        expect(await registry.get("ConfigMap", "default", "c")).toEqual(created);
      });

      it("refuses an object that exists with AlreadyExists", async () => {
        await registry.create(newConfigMap("c"));
        const error = await rejection(registry.create(newConfigMap("c")));
        expect(error.code).toBe("AlreadyExists");
        expect(error.message).toBe('configmaps "c" already exists');
      });

      it("completes generateName with five characters of Kubernetes' alphabet", async () => {
        const obj = newConfigMap("");
        obj.metadata = { generateName: "web-", namespace: "default" };
        const a = await registry.create(obj);
        const b = await registry.create(obj);
        expect(a.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
        expect(b.metadata.name).not.toBe(a.metadata.name);
      });

      it("refuses an object with neither name nor generateName", async () => {
        const obj = newConfigMap("");
        const error = await rejection(registry.create(obj));
        expect(error.code).toBe("Invalid");
        expect(error.message).toContain("metadata.name: Required value");
      });

      it("needs the namespace to exist, except default and kube-system", async () => {
        const error = await rejection(registry.create(newConfigMap("c", {}, "team")));
        expect(error.code).toBe("NotFound");
        expect(error.message).toBe('namespaces "team" not found');
        await registry.create(newNamespace("team"));
        await registry.create(newConfigMap("c", {}, "team"));
        await registry.create(newConfigMap("c", {}, "kube-system"));
        expect((await registry.list("ConfigMap")).items).toHaveLength(2);
      });

      it("puts a namespaced object without namespace into default and drops one from a cluster-scoped object", async () => {
        const cm = newConfigMap("c");
        delete cm.metadata.namespace;
        expect((await registry.create(cm)).metadata.namespace).toBe("default");
        const ns = newNamespace("x");
        ns.metadata.namespace = "default";
        expect((await registry.create(ns)).metadata.namespace).toBeUndefined();
      });

      it("refuses an unknown kind with NotFound", async () => {
        const error = await rejection(registry.create({ apiVersion: "v1", kind: "Gizmo", metadata: { name: "g" } }));
        expect(error.code).toBe("NotFound");
      });

      it("drops status on create for kinds with a status subresource; namespaces start Active", async () => {
        const pod = { ...newPod("p"), status: { phase: "Running" } };
        expect((await registry.create(pod)).status).toBeUndefined();
        expect((await registry.create(newNamespace("n"))).status).toEqual({ phase: "Active" });
      });

      it("writes nothing on a dry run", async () => {
        await registry.list("Namespace"); // the registry's own setup writes come first
        const before = await backend.currentRevision();
        const result = await registry.create(newConfigMap("c"), { dryRun: true });
        expect(result.metadata.uid).toBeDefined();
        expect(await backend.currentRevision()).toBe(before);
        expect((await rejection(registry.get("ConfigMap", "default", "c"))).code).toBe("NotFound");
      });

      it("creates the default and kube-system namespaces", async () => {
        const names = (await registry.list("Namespace")).items.map((n) => n.metadata.name);
        expect(names).toEqual(["default", "kube-system"]);
      });
    });

    describe("update", () => {
      it("fails with Kubernetes' conflict message on a stale resourceVersion", async () => {
        const created = await registry.create(newConfigMap("c"));
        await registry.update({ ...created, data: { k: "2" } });
        const error = await rejection(registry.update({ ...created, data: { k: "3" } }));
        expect(error.code).toBe("Conflict");
        expect(error.message).toBe(CONFLICT);
      });

      it("lets exactly one of several updates from the same resourceVersion win", async () => {
        const created = await registry.create(newConfigMap("c"));
        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => registry.update({ ...created, data: { k: `w${i}` } })),
        );
        expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
        const losers = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
        expect(losers.map((l) => (l.reason as { code: string }).code)).toEqual(Array(7).fill("Conflict"));
      });

      it("replaces unconditionally without a resourceVersion", async () => {
        const created = await registry.create(newConfigMap("c"));
        await registry.update({ ...created, data: { k: "2" } });
        const stale = structuredClone(created);
        delete stale.metadata.resourceVersion;
        const updated = await registry.update({ ...stale, data: { k: "3" } });
        expect(updated.data).toEqual({ k: "3" });
      });

      it("bumps generation on spec changes only", async () => {
        const pod = await registry.create(newPod("p"));
        const labelled = await registry.update(withLabel(pod, "tier", "front"));
        expect(labelled.metadata.generation).toBe(1);
        expect(labelled.metadata.resourceVersion).not.toBe(pod.metadata.resourceVersion);
        const spec = structuredClone(labelled.spec) as { containers: { image: string }[] };
        spec.containers[0]!.image = "nginx";
        const changed = await registry.update({ ...labelled, spec });
        expect(changed.metadata.generation).toBe(2);
      });

      it("bumps generation when the data of a kind without spec changes", async () => {
        const cm = await registry.create(newConfigMap("c"));
        expect((await registry.update({ ...cm, data: { k: "new" } })).metadata.generation).toBe(2);
      });

      it("writes nothing for a no-op update and returns the same resourceVersion", async () => {
        const cm = await registry.create(newConfigMap("c"));
        const before = await backend.currentRevision();
        const same = await registry.update(structuredClone(cm));
        expect(same).toEqual(cm);
        expect(await backend.currentRevision()).toBe(before);
      });

      it("keeps uid and creationTimestamp from the live object", async () => {
        const cm = await registry.create(newConfigMap("c"));
        const forged = withLabel(cm, "a", "b");
        forged.metadata.creationTimestamp = "2000-01-01T00:00:00Z";
        delete forged.metadata.uid;
        const updated = await registry.update(forged);
        expect(updated.metadata.uid).toBe(cm.metadata.uid);
        expect(updated.metadata.creationTimestamp).toBe(cm.metadata.creationTimestamp);
      });

      it("fails when the object does not exist", async () => {
        expect((await rejection(registry.update(newConfigMap("nope")))).code).toBe("NotFound");
      });

      it("loses no change when concurrent writers update without resourceVersion", async () => {
        await registry.create(newConfigMap("c"));
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            registry.patch("ConfigMap", "default", "c", { data: { [`k${i}`]: String(i) } }, "merge"),
          ),
        );
        const data = (await registry.get("ConfigMap", "default", "c")).data as Record<string, string>;
        expect(Object.keys(data)).toHaveLength(11);
      });
    });

    describe("status subresource", () => {
      it("keeps status on a main update and changes only status on updateStatus", async () => {
        const pod = await registry.create(newPod("p"));
        const withStatus = await registry.updateStatus({ ...pod, status: { phase: "Running" } });
        expect(withStatus.status).toEqual({ phase: "Running" });
        expect(withStatus.metadata.generation).toBe(1);
        const main = await registry.update({ ...withLabel(withStatus, "x", "y"), status: { phase: "Failed" } });
        expect(main.status).toEqual({ phase: "Running" });
        const spec = structuredClone(main.spec) as { containers: { image: string }[] };
        spec.containers[0]!.image = "other";
        const statusOnly = await registry.updateStatus({ ...main, spec, status: { phase: "Succeeded" } });
        expect(statusOnly.status).toEqual({ phase: "Succeeded" });
        expect(statusOnly.spec).toEqual(main.spec);
        expect(statusOnly.metadata.labels).toEqual(main.metadata.labels);
      });

      it("refuses a stale status update", async () => {
        const pod = await registry.create(newPod("p"));
        await registry.updateStatus({ ...pod, status: { phase: "Pending" } });
        expect((await rejection(registry.updateStatus({ ...pod, status: { phase: "Running" } }))).code).toBe(
          "Conflict",
        );
      });
    });

    describe("patch", () => {
      it("merges a merge patch (RFC 7386): null removes, maps merge", async () => {
        await registry.create({ ...newConfigMap("c", { a: "1", b: "2" }) });
        const patched = await registry.patch("ConfigMap", "default", "c", { data: { a: null, c: "3" } }, "merge");
        expect(patched.data).toEqual({ b: "2", c: "3" });
      });

      it("applies a JSON patch and answers 422 when one of its operations does not fit", async () => {
        await registry.create(newConfigMap("c", { a: "1" }));
        const patched = await registry.patch(
          "ConfigMap",
          "default",
          "c",
          [{ op: "add", path: "/data/b", value: "2" }],
          "json",
        );
        expect(patched.data).toEqual({ a: "1", b: "2" });
        const error = await rejection(
          registry.patch("ConfigMap", "default", "c", [{ op: "test", path: "/data/a", value: "9" }], "json"),
        );
        expect(error.code).toBe("Invalid");
        const malformed = await rejection(registry.patch("ConfigMap", "default", "c", { op: "add" }, "json"));
        expect(malformed.code).toBe("BadRequest");
      });

      it("treats a resourceVersion inside the patch as a precondition", async () => {
        const cm = await registry.create(newConfigMap("c"));
        await registry.patch("ConfigMap", "default", "c", { data: { k: "2" } }, "merge");
        const patch = { metadata: { resourceVersion: cm.metadata.resourceVersion }, data: { k: "3" } };
        expect((await rejection(registry.patch("ConfigMap", "default", "c", patch, "merge"))).code).toBe("Conflict");
      });

      it.skipIf(!strategicMergeImplemented)("merges a strategic patch's containers by name", async () => {
        const pod = newPod("p");
        (pod.spec as { containers: object[] }).containers.push({ name: "side", image: "side:1" });
        await registry.create(pod);
        const patch = { spec: { containers: [{ name: "side", image: "side:2" }] } };
        const patched = await registry.patch("Pod", "default", "p", patch, "strategic");
        const containers = (patched.spec as { containers: { name: string; image: string }[] }).containers;
        expect(containers.map((c) => `${c.name}=${c.image}`)).toEqual(["main=busybox", "side=side:2"]);
        expect(patched.metadata.generation).toBe(2);
      });

      it("refuses a patch that renames the object", async () => {
        await registry.create(newConfigMap("c"));
        const error = await rejection(
          registry.patch("ConfigMap", "default", "c", { metadata: { name: "d" } }, "merge"),
        );
        expect(error.code).toBe("BadRequest");
      });
    });

    describe("delete", () => {
      it("removes an object without finalizers at once", async () => {
        await registry.create(newConfigMap("c"));
        expect(await registry.delete("ConfigMap", "default", "c")).toBeUndefined();
        expect((await rejection(registry.get("ConfigMap", "default", "c"))).code).toBe("NotFound");
        expect((await rejection(registry.delete("ConfigMap", "default", "c"))).message).toBe(
          'configmaps "c" not found',
        );
      });

      it("marks an object with finalizers and removes it when an update clears the last one", async () => {
        const cm = newConfigMap("c");
        cm.metadata.finalizers = ["example.com/hold"];
        await registry.create(cm);
        const marked = (await registry.delete("ConfigMap", "default", "c"))!;
        expect(marked.metadata.deletionTimestamp).toMatch(/Z$/);
        expect(marked.metadata.deletionGracePeriodSeconds).toBe(0);
        expect(marked.metadata.generation).toBe(2);
        const again = (await registry.delete("ConfigMap", "default", "c"))!;
        expect(again.metadata.resourceVersion).toBe(marked.metadata.resourceVersion);
        const added = { ...marked, metadata: { ...marked.metadata, finalizers: ["example.com/hold", "other"] } };
        expect((await rejection(registry.update(added))).code).toBe("Invalid");
        await registry.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } });
        expect((await rejection(registry.get("ConfigMap", "default", "c"))).code).toBe("NotFound");
      });

      it.each([
        ["Foreground", "foregroundDeletion"],
        ["Orphan", "orphan"],
      ] as const)("adds the finalizer of propagationPolicy %s", async (policy, finalizer) => {
        await registry.create(newConfigMap("c"));
        const marked = await registry.delete("ConfigMap", "default", "c", { propagationPolicy: policy });
        expect(marked?.metadata.finalizers).toEqual([finalizer]);
      });

      it("checks resourceVersion and uid preconditions", async () => {
        const cm = await registry.create(newConfigMap("c"));
        await registry.patch("ConfigMap", "default", "c", { data: { k: "2" } }, "merge");
        const stale = await rejection(
          registry.delete("ConfigMap", "default", "c", { resourceVersion: cm.metadata.resourceVersion! }),
        );
        expect(stale.code).toBe("Conflict");
        expect((await rejection(registry.delete("ConfigMap", "default", "c", { uid: "other" }))).code).toBe("Conflict");
        expect(await registry.delete("ConfigMap", "default", "c", { uid: cm.metadata.uid! })).toBeUndefined();
      });

      it("deletes pods at once unless graceful pod deletion is enabled", async () => {
        await registry.create(newPod("p"));
        expect(await registry.delete("Pod", "default", "p")).toBeUndefined();
        const graceful = createRegistry(backend, { gracefulPodDeletion: true });
        await graceful.create(newPod("q"));
        const marked = await graceful.delete("Pod", "default", "q", { gracePeriodSeconds: 5 });
        expect(marked?.metadata.deletionGracePeriodSeconds).toBe(5);
        expect(await graceful.delete("Pod", "default", "q", { gracePeriodSeconds: 0 })).toBeUndefined();
      });

      it("deletes a namespace with its contents", async () => {
        await registry.create(newNamespace("team"));
        await registry.create(newConfigMap("a", {}, "team"));
        await registry.create(newPod("p", "team"));
        await registry.create(newConfigMap("keep"));
        expect(await registry.delete("Namespace", "", "team")).toBeUndefined();
        expect((await registry.list("ConfigMap")).items.map((c) => c.metadata.name)).toEqual(["keep"]);
        expect((await rejection(registry.get("Namespace", "", "team"))).code).toBe("NotFound");
      });

      it("keeps a namespace Terminating while a finalizer holds an object, then removes it", async () => {
        await registry.create(newNamespace("team"));
        const held = newConfigMap("held", {}, "team");
        held.metadata.finalizers = ["example.com/hold"];
        await registry.create(held);
        const ns = (await registry.delete("Namespace", "", "team"))!;
        expect(ns.status).toEqual({ phase: "Terminating" });
        expect(ns.metadata.deletionTimestamp).toBeDefined();
        expect((await rejection(registry.create(newConfigMap("new", {}, "team")))).code).toBe("Forbidden");
        await registry.patch("ConfigMap", "team", "held", { metadata: { finalizers: null } }, "merge");
        expect((await rejection(registry.get("Namespace", "", "team"))).code).toBe("NotFound");
      });

      it("refuses to delete the default namespace", async () => {
        expect((await rejection(registry.delete("Namespace", "", "default"))).code).toBe("Forbidden");
      });
    });

    describe("list and copies", () => {
      it("lists with per-item and list resourceVersions, optionally in one namespace", async () => {
        await registry.create(newNamespace("team"));
        const a = await registry.create(newConfigMap("a"));
        await registry.create(newConfigMap("b", {}, "team"));
        await registry.create(newPod("p"));
        const all = await registry.list("ConfigMap");
        expect(all.items.map((i) => i.metadata.name)).toEqual(["a", "b"]);
        expect(all.items[0]!.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
        expect(all.resourceVersion).toBe(String(await backend.currentRevision()));
        expect((await registry.list("ConfigMap", { namespace: "team" })).items.map((i) => i.metadata.name)).toEqual([
          "b",
        ]);
      });

      it("returns fresh copies that callers may mutate", async () => {
        const created = await registry.create(newConfigMap("c"));
        (created.data as Record<string, string>).k = "changed";
        const got = await registry.get("ConfigMap", "default", "c");
        expect(got.data).toEqual({ k: "v" });
        (got.data as Record<string, string>).k = "mutated";
        expect((await registry.get("ConfigMap", "default", "c")).data).toEqual({ k: "v" });
      });
    });
  });
}

function withLabel(obj: KubeObject, key: string, value: string): KubeObject {
  const copy = structuredClone(obj);
  copy.metadata.labels = { ...copy.metadata.labels, [key]: value };
  return copy;
}
