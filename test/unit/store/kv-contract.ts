import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../src/api/errors.js";
import type { KvBackend, KvEvent } from "../../../src/store/backend.js";
import { EventRecorder, settle } from "../../helpers/store-events.js";

export type KvBackendFactory = () => Promise<KvBackend>;

/** Registers the tests every KvBackend must pass (see src/store/backend.ts for the contract). */
export function describeKvContract(name: string, factory: KvBackendFactory): void {
  describe(`${name}: KvBackend contract`, () => {
    let kv: KvBackend;
    beforeEach(async () => {
      kv = await factory();
    });
    afterEach(async () => {
      await kv.close();
    });

    it("starts at revision 1 and adds exactly one per successful write", async () => {
      expect(await kv.currentRevision()).toBe(1);
      expect(await kv.put("/a", "1")).toEqual({ ok: true, revision: 2 });
      expect(await kv.put("/a", "2")).toEqual({ ok: true, revision: 3 });
      expect(await kv.delete("/a")).toEqual({ ok: true, revision: 4 });
      expect(await kv.currentRevision()).toBe(4);
    });

    it("keeps createRevision across updates and moves modRevision", async () => {
      await kv.put("/a", "1");
      await kv.put("/b", "1");
      await kv.put("/a", "2");
      expect(await kv.get("/a")).toEqual({ key: "/a", value: "2", createRevision: 2, modRevision: 4 });
      expect(await kv.get("/missing")).toBeUndefined();
    });

    it("refuses a create (precondition 0) when the key exists and changes nothing", async () => {
      await kv.put("/a", "1", { modRevision: 0 });
      const result = await kv.put("/a", "2", { modRevision: 0 });
      expect(result).toEqual({ ok: false, current: { key: "/a", value: "1", createRevision: 2, modRevision: 2 } });
      expect(await kv.currentRevision()).toBe(2);
    });

    it("refuses a write or delete with a stale modRevision", async () => {
      await kv.put("/a", "1");
      await kv.put("/a", "2");
      expect((await kv.put("/a", "3", { modRevision: 2 })).ok).toBe(false);
      expect((await kv.delete("/a", { modRevision: 2 })).ok).toBe(false);
      expect((await kv.put("/a", "3", { modRevision: 3 })).ok).toBe(true);
      expect((await kv.delete("/a", { modRevision: 4 })).ok).toBe(true);
      expect(await kv.get("/a")).toBeUndefined();
    });

    it("reports a delete of a missing key as not ok without a new revision", async () => {
      expect(await kv.delete("/nothing")).toEqual({ ok: false, current: undefined });
      expect(await kv.currentRevision()).toBe(1);
    });

    it("ranges over a prefix in key order at the current revision", async () => {
      await kv.put("/p/b", "b");
      await kv.put("/p/a", "a");
      await kv.put("/q/a", "x");
      await kv.put("/p/c", "c");
      const result = await kv.range("/p/");
      expect(result.kvs.map((e) => e.key)).toEqual(["/p/a", "/p/b", "/p/c"]);
      expect(result.revision).toBe(5);
      expect(result.kvs[0]).toEqual({ key: "/p/a", value: "a", createRevision: 3, modRevision: 3 });
    });

    it("lets exactly one of several racing writers win with the same precondition", async () => {
      const { revision } = (await kv.put("/race", "0")) as { revision: number };
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => kv.put("/race", `w${i}`, { modRevision: revision })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await kv.currentRevision()).toBe(revision + 1);
    });

    it("loses no increment when concurrent writers retry compare-and-swap", async () => {
      await kv.put("/counter", "0");
      const increment = async (): Promise<void> => {
        for (;;) {
          const cur = (await kv.get("/counter"))!;
          const next = String(Number(cur.value) + 1);
          if ((await kv.put("/counter", next, { modRevision: cur.modRevision })).ok) return;
        }
      };
      await Promise.all(Array.from({ length: 8 }, () => Promise.all(Array.from({ length: 5 }, increment))));
      expect((await kv.get("/counter"))!.value).toBe("40");
      expect(await kv.currentRevision()).toBe(2 + 40);
    });

    it("watches from a revision: every later event under the prefix, once, in order", async () => {
      for (let i = 0; i < 20; i++) await kv.put(`/w/${i % 4}`, String(i));
      await kv.put("/other", "x");
      const recorder = new EventRecorder<KvEvent>();
      const watch = kv.watch("/w/", 10, recorder.push);
      // These writes race with the catch-up from history.
      const writes: Promise<unknown>[] = [];
      for (let i = 20; i < 40; i++) writes.push(kv.put(`/w/${i % 4}`, String(i)));
      writes.push(kv.delete("/w/0"));
      await Promise.all(writes);
      const last = await kv.currentRevision();
      const events = await recorder.until((e) => e.at(-1)?.revision === last);
      const revisions = events.map((e) => e.revision);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
      expect(new Set(revisions).size).toBe(revisions.length);
      expect(revisions[0]).toBe(11);
      // 11 catch-up events (revisions 11..21), 20 puts, 1 delete; /other is outside the prefix.
      expect(events).toHaveLength(11 + 20 + 1);
      watch.stop();
      await watch.done;
    });

    it("skips events up to a future revision it was asked to start from", async () => {
      const recorder = new EventRecorder<KvEvent>();
      const watch = kv.watch("/", 3, recorder.push);
      await kv.put("/a", "1");
      await kv.put("/a", "2");
      await kv.put("/a", "3");
      const events = await recorder.count(1);
      await settle();
      expect(events.map((e) => e.revision)).toEqual([4]);
      watch.stop();
    });

    it("describes puts and deletes with their previous values", async () => {
      const recorder = new EventRecorder<KvEvent>();
      const watch = kv.watch("/", await kv.currentRevision(), recorder.push);
      await kv.put("/a", "1");
      await kv.put("/a", "2");
      await kv.delete("/a");
      const events = await recorder.count(3);
      expect(events).toEqual([
        { type: "put", key: "/a", value: "1", revision: 2, createRevision: 2 },
        { type: "put", key: "/a", value: "2", prevValue: "1", revision: 3, createRevision: 2 },
        { type: "delete", key: "/a", value: "2", prevValue: "2", revision: 4, createRevision: 2 },
      ]);
      watch.stop();
    });

    it("fails a watch from a compacted revision with Gone, and serves one from the compaction point", async () => {
      for (let i = 0; i < 10; i++) await kv.put("/c", String(i));
      await kv.compact(6);
      const old = kv.watch("/", 5, () => {});
      const error = await old.done.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isSlipwayError(error, "Gone")).toBe(true);
      expect((error as Error).message).toBe("too old resource version: 5 (6)");
      const recorder = new EventRecorder<KvEvent>();
      const ok = kv.watch("/", 6, recorder.push);
      const events = await recorder.count(5);
      expect(events.map((e) => e.revision)).toEqual([7, 8, 9, 10, 11]);
      ok.stop();
      await ok.done;
    });

    it("keeps current keys when history is compacted", async () => {
      await kv.put("/keep", "1");
      await kv.put("/x", "1");
      await kv.compact(await kv.currentRevision());
      expect((await kv.get("/keep"))?.value).toBe("1");
      expect((await kv.range("/")).kvs).toHaveLength(2);
      expect((await kv.put("/y", "1")).ok).toBe(true);
    });

    it("delivers nothing after stop", async () => {
      const recorder = new EventRecorder<KvEvent>();
      const watch = kv.watch("/", 1, recorder.push);
      await kv.put("/a", "1");
      await recorder.count(1);
      watch.stop();
      await watch.done;
      await kv.put("/a", "2");
      await settle();
      expect(recorder.events).toHaveLength(1);
    });

    it("ends open watches when the backend closes", async () => {
      const watch = kv.watch("/", 1, () => {});
      await kv.close();
      await expect(watch.done).resolves.toBeUndefined();
      kv = await factory();
    });
  });
}
