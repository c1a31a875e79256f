import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WatchEvent } from "../../../src/api/object.js";
import { parseLabelSelector } from "../../../src/api/selector/index.js";
import type { KvBackend } from "../../../src/store/backend.js";
import { createRegistry, type Registry } from "../../../src/store/registry.js";
import { EventRecorder, settle } from "../../helpers/store-events.js";
import { newConfigMap, newNamespace, rejection } from "../../helpers/store-objects.js";
import type { KvBackendFactory } from "./kv-contract.js";

/** Selector parsing is another part's work; the filtered-watch tests run once it exists. */
const selectorsImplemented = (() => {
  try {
    parseLabelSelector("a=b");
    return true;
  } catch {
    return false;
  }
})();

function summary(events: WatchEvent[]): string[] {
  return events.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`);
}

/** Registers the watch tests of the registry over any backend. */
export function describeRegistryWatchContract(name: string, factory: KvBackendFactory): void {
  describe(`${name}: registry watch`, () => {
    let backend: KvBackend;
    let registry: Registry;
    beforeEach(async () => {
      backend = await factory();
      registry = createRegistry(backend);
    });
    afterEach(async () => {
      await registry.close();
    });

    it("delivers ADDED, MODIFIED and DELETED with the resourceVersion of each write", async () => {
      const recorder = new EventRecorder<WatchEvent>();
      const { resourceVersion } = await registry.list("ConfigMap");
      const watch = registry.watch("ConfigMap", { resourceVersion }, recorder.push);
      const created = await registry.create(newConfigMap("c"));
      const updated = await registry.patch("ConfigMap", "default", "c", { data: { k: "2" } }, "merge");
      await registry.delete("ConfigMap", "default", "c");
      const deletedAt = await backend.currentRevision();
      const events = await recorder.count(3);
      expect(summary(events)).toEqual([
        `ADDED c ${created.metadata.resourceVersion}`,
        `MODIFIED c ${updated.metadata.resourceVersion}`,
        `DELETED c ${deletedAt}`,
      ]);
      expect(events[2]!.object.data).toEqual({ k: "2" });
      watch.stop();
      await watch.done;
    });

    it("starts from now without a resourceVersion", async () => {
      await registry.create(newConfigMap("before"));
      const recorder = new EventRecorder<WatchEvent>();
      const watch = registry.watch("ConfigMap", {}, recorder.push);
      // The watch takes its start revision asynchronously; let it do so before writing.
      await settle();
      await registry.create(newConfigMap("after"));
      const events = await recorder.count(1);
      await settle();
      expect(summary(events).map((s) => s.split(" ").slice(0, 2).join(" "))).toEqual(["ADDED after"]);
      watch.stop();
    });

    it("sends ADDED for every existing object with resourceVersion 0, then the changes", async () => {
      await registry.create(newConfigMap("a"));
      await registry.create(newConfigMap("b"));
      const recorder = new EventRecorder<WatchEvent>();
      const watch = registry.watch("ConfigMap", { resourceVersion: "0" }, recorder.push);
      await recorder.count(2);
      await registry.delete("ConfigMap", "default", "a");
      const events = await recorder.count(3);
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED a", "ADDED b", "DELETED a"]);
      watch.stop();
    });

    it("watches one namespace only when asked", async () => {
      await registry.create(newNamespace("team"));
      const recorder = new EventRecorder<WatchEvent>();
      const { resourceVersion } = await registry.list("ConfigMap");
      const watch = registry.watch("ConfigMap", { namespace: "team", resourceVersion }, recorder.push);
      await registry.create(newConfigMap("outside"));
      await registry.create(newConfigMap("inside", {}, "team"));
      const events = await recorder.count(1);
      await settle();
      expect(events.map((e) => e.object.metadata.name)).toEqual(["inside"]);
      watch.stop();
    });

    it("resumes from a resourceVersion with every later change exactly once, in order", async () => {
      for (let i = 0; i < 5; i++) await registry.create(newConfigMap(`c${i}`));
      const { resourceVersion } = await registry.list("ConfigMap");
      const writes = Array.from({ length: 20 }, (_, i) =>
        registry.patch("ConfigMap", "default", `c${i % 5}`, { data: { n: String(i) } }, "merge"),
      );
      const recorder = new EventRecorder<WatchEvent>();
      const watch = registry.watch("ConfigMap", { resourceVersion }, recorder.push);
      await Promise.all(writes);
      const events = await recorder.count(20);
      const versions = events.map((e) => Number(e.object.metadata.resourceVersion));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      expect(new Set(versions).size).toBe(20);
      await settle();
      expect(recorder.events).toHaveLength(20);
      watch.stop();
    });

    it("ends with Gone when the resourceVersion was compacted", async () => {
      const first = await registry.create(newConfigMap("c"));
      for (let i = 0; i < 3; i++)
        await registry.patch("ConfigMap", "default", "c", { data: { i: String(i) } }, "merge");
      await backend.compact(await backend.currentRevision());
      const watch = registry.watch("ConfigMap", { resourceVersion: first.metadata.resourceVersion! }, () => {});
      const error = await rejection(watch.done);
      expect(error.code).toBe("Gone");
      expect(error.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
    });

    it("ends with the handler's error when the handler throws", async () => {
      const { resourceVersion } = await registry.list("ConfigMap");
      const watch = registry.watch("ConfigMap", { resourceVersion }, () => {
        throw new Error("handler failed");
      });
      await registry.create(newConfigMap("c"));
      await expect(watch.done).rejects.toThrow("handler failed");
    });

    it("lets a handler write to the store from inside an event", async () => {
      const recorder = new EventRecorder<WatchEvent>();
      const { resourceVersion } = await registry.list("ConfigMap");
      const watch = registry.watch("ConfigMap", { resourceVersion }, (event) => {
        recorder.push(event);
        if (event.type === "ADDED" && event.object.metadata.name === "c") {
          void registry.create(newConfigMap("echo"));
        }
      });
      await registry.create(newConfigMap("c"));
      const events = await recorder.count(2);
      expect(events.map((e) => e.object.metadata.name)).toEqual(["c", "echo"]);
      watch.stop();
    });

    it("refuses a resourceVersion that is not a number", () => {
      expect(() => registry.watch("ConfigMap", { resourceVersion: "abc" }, () => {})).toThrow(
        /invalid resource version/,
      );
    });

    describe.skipIf(!selectorsImplemented)("with a label selector (Kubernetes' filtered watch)", () => {
      it("turns an object that starts matching into ADDED and one that stops matching into DELETED", async () => {
        const recorder = new EventRecorder<WatchEvent>();
        const { resourceVersion } = await registry.list("ConfigMap");
        const watch = registry.watch("ConfigMap", { labelSelector: "app=web", resourceVersion }, recorder.push);
        await registry.create(newConfigMap("c"));
        await registry.patch("ConfigMap", "default", "c", { metadata: { labels: { app: "web" } } }, "merge");
        await registry.patch("ConfigMap", "default", "c", { data: { k: "2" } }, "merge");
        const leaving = await registry.patch(
          "ConfigMap",
          "default",
          "c",
          { metadata: { labels: { app: "db" } } },
          "merge",
        );
        await registry.delete("ConfigMap", "default", "c");
        const events = await recorder.count(3);
        await settle();
        expect(recorder.events.map((e) => e.type)).toEqual(["ADDED", "MODIFIED", "DELETED"]);
        // The DELETED carries the last matching state at the resourceVersion of the change.
        expect(events[2]!.object.metadata.labels).toEqual({ app: "web" });
        expect(events[2]!.object.metadata.resourceVersion).toBe(leaving.metadata.resourceVersion);
        watch.stop();
      });

      it("filters list results by label and field selectors", async () => {
        const labelled = newConfigMap("a");
        labelled.metadata.labels = { app: "web" };
        await registry.create(labelled);
        await registry.create(newConfigMap("b"));
        expect(
          (await registry.list("ConfigMap", { labelSelector: "app=web" })).items.map((i) => i.metadata.name),
        ).toEqual(["a"]);
        expect(
          (await registry.list("ConfigMap", { fieldSelector: "metadata.name=b" })).items.map((i) => i.metadata.name),
        ).toEqual(["b"]);
      });
    });
  });
}
