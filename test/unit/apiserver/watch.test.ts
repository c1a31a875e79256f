import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WatchEvent } from "../../../src/api/object.js";
import { collector, newPod, type StoreServer, startStoreServer, TOKEN } from "./harness.js";

const summary = (events: WatchEvent[]) => events.map((e) => `${e.type} ${e.object.metadata.name}`);

/** Opens a raw watch and resolves with the response as soon as its headers arrive. */
function rawWatch(url: string) {
  return new Promise<import("node:http").IncomingMessage>((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${TOKEN}` } }, resolve);
    req.on("error", reject);
    req.end();
  });
}

async function readLines(res: import("node:http").IncomingMessage, count: number): Promise<unknown[]> {
  const lines: unknown[] = [];
  let buffered = "";
  for await (const chunk of res) {
    buffered += String(chunk);
    let nl = buffered.indexOf("\n");
    while (nl >= 0) {
      lines.push(JSON.parse(buffered.slice(0, nl)));
      buffered = buffered.slice(nl + 1);
      nl = buffered.indexOf("\n");
    }
    if (lines.length >= count) break;
  }
  return lines;
}

describe("watch", () => {
  let t: StoreServer;
  beforeEach(async () => {
    t = await startStoreServer();
  });
  afterEach(() => t.close());

  it("streams one JSON event per line on a chunked response whose headers arrive before any event", async () => {
    const rv = (await t.registry.list("Pod")).resourceVersion;
    const res = await rawWatch(`${t.server.url}/api/v1/namespaces/default/pods?watch=1&resourceVersion=${rv}`);
    // The headers are here although nothing changed yet: they were flushed at once.
    expect(res.statusCode).toBe(200);
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    expect(res.headers["content-type"]).toBe("application/json");
    await t.registry.create(newPod("a"));
    const [event] = await readLines(res, 1);
    expect(event).toMatchObject({ type: "ADDED", object: { kind: "Pod", metadata: { name: "a" } } });
    res.destroy();
  });

  it("delivers ADDED, MODIFIED and DELETED to the HTTP client in order", async () => {
    await t.registry.create(newPod("old"));
    const c = collector();
    const opened = t.nextWatch();
    // Without a resourceVersion the watch starts from now: "old" is not replayed.
    const watch = t.http.watch("Pod", { namespace: "default" }, c.handler);
    await opened;
    const pod = await t.registry.create(newPod("a"));
    await t.registry.update({ ...pod, metadata: { ...pod.metadata, labels: { v: "2" } } });
    await t.registry.delete("Pod", "default", "a");
    await c.waitFor(3);
    expect(summary(c.events)).toEqual(["ADDED a", "MODIFIED a", "DELETED a"]);
    watch.stop();
    await expect(watch.done).resolves.toBeUndefined();
  });

  it("replays existing objects as ADDED when a raw watch names no resourceVersion, like Kubernetes", async () => {
    await t.registry.create(newPod("old"));
    const res = await rawWatch(`${t.server.url}/api/v1/namespaces/default/pods?watch=true`);
    await t.registry.create(newPod("new"));
    const events = (await readLines(res, 2)) as WatchEvent[];
    expect(summary(events)).toEqual(["ADDED old", "ADDED new"]);
    res.destroy();
  });

  it("filters watched events with a label selector", async () => {
    const rv = (await t.registry.list("Pod")).resourceVersion;
    const c = collector();
    const watch = t.http.watch("Pod", { resourceVersion: rv, labelSelector: "app=web" }, c.handler);
    await t.registry.create(newPod("db", { labels: { app: "db" } }));
    await t.registry.create(newPod("web", { labels: { app: "web" } }));
    // A watch that fails (a selector it cannot parse) ends `done`; do not wait for events then.
    await Promise.race([c.waitFor(1), watch.done]);
    expect(summary(c.events)).toEqual(["ADDED web"]);
    watch.stop();
  });

  it("resumed from its last resourceVersion after the connection drops, gets every event exactly once", async () => {
    const start = (await t.registry.list("Pod")).resourceVersion;
    const first = collector();
    const watch = t.http.watch("Pod", { resourceVersion: start }, first.handler);
    const a = await t.registry.create(newPod("a"));
    await t.registry.create(newPod("b"));
    await first.waitFor(2);

    t.server.dropConnections();
    await expect(watch.done).rejects.toMatchObject({ code: "ServerUnreachable" });

    // Changes while no one watches.
    await t.registry.create(newPod("c"));
    await t.registry.update({ ...a, metadata: { ...a.metadata, labels: { v: "2" } } });
    await t.registry.delete("Pod", "default", "b");

    const last = first.events.at(-1)?.object.metadata.resourceVersion ?? "";
    const second = collector();
    const resumed = t.http.watch("Pod", { resourceVersion: last }, second.handler);
    await t.registry.create(newPod("d"));
    await second.waitFor(4);

    const all = [...first.events, ...second.events];
    expect(summary(all)).toEqual(["ADDED a", "ADDED b", "ADDED c", "MODIFIED a", "DELETED b", "ADDED d"]);
    const versions = all.map((e) => Number(e.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((x, y) => x - y));
    expect(new Set(versions).size).toBe(versions.length);
    resumed.stop();
  });

  it("ends a watch from a compacted version with Gone (410), as an ERROR event with a Status", async () => {
    const start = (await t.registry.list("Pod")).resourceVersion;
    await t.registry.create(newPod("a"));
    await t.registry.create(newPod("b"));
    await t.backend.compact(await t.backend.currentRevision());

    const res = await rawWatch(`${t.server.url}/api/v1/pods?watch=true&resourceVersion=${start}`);
    const [event] = await readLines(res, 1);
    expect(event).toMatchObject({
      type: "ERROR",
      object: { kind: "Status", apiVersion: "v1", status: "Failure", code: 410, reason: "Expired" },
    });

    const c = collector();
    const watch = t.http.watch("Pod", { resourceVersion: start }, c.handler);
    await expect(watch.done).rejects.toMatchObject({ code: "Gone" });
    expect(c.events).toEqual([]);
  });

  it("watches one object when the watch names it in the path", async () => {
    const rv = (await t.registry.list("Pod")).resourceVersion;
    const res = await rawWatch(`${t.server.url}/api/v1/namespaces/default/pods/b?watch=true&resourceVersion=${rv}`);
    await t.registry.create(newPod("a"));
    await t.registry.create(newPod("b"));
    const events = (await readLines(res, 1)) as WatchEvent[];
    expect(summary(events)).toEqual(["ADDED b"]);
    res.destroy();
  });

  it("drops a watcher that stops reading once its queue passes the limit, instead of buffering without end", async () => {
    await t.close();
    t = await startStoreServer({ maxWatchBufferBytes: 256 * 1024 });
    const rv = (await t.registry.list("Pod")).resourceVersion;
    const res = await rawWatch(`${t.server.url}/api/v1/pods?watch=true&resourceVersion=${rv}`);
    res.pause();
    // 100 events of 200 kB: far more than the limit plus what the sockets can hold.
    const note = "x".repeat(200 * 1024);
    for (let i = 0; i < 100; i++) {
      const pod = newPod(`p${i}`);
      pod.metadata.annotations = { note };
      await t.registry.create(pod);
    }
    let received = 0;
    const ended = await new Promise<string>((resolve) => {
      res.on("aborted", () => resolve("aborted"));
      res.on("error", () => resolve("error"));
      res.on("end", () => resolve(res.complete ? "complete" : "cut"));
      res.on("data", (chunk: Buffer) => {
        received += chunk.toString().split("\n").length - 1;
      });
      res.resume();
    });
    expect(ended).not.toBe("complete");
    expect(received).toBeLessThan(100);
  });

  it("ends with the handler's own exception when the handler throws", async () => {
    const rv = (await t.registry.list("Pod")).resourceVersion;
    const bug = new RangeError("handler bug");
    const watch = t.http.watch("Pod", { resourceVersion: rv }, () => {
      throw bug;
    });
    await t.registry.create(newPod("a"));
    await expect(watch.done).rejects.toBe(bug);
  });

  it("ends the stream cleanly after timeoutSeconds", async () => {
    const rv = (await t.registry.list("Pod")).resourceVersion;
    const res = await rawWatch(`${t.server.url}/api/v1/pods?watch=true&resourceVersion=${rv}&timeoutSeconds=0`);
    const lines = await readLines(res, 1);
    expect(lines).toEqual([]);
    expect(res.complete).toBe(true);
  });
});
