import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Event } from "../../../../src/api/types/event.js";
import { eventName, recordEvent } from "../../../../src/controllers/events/index.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";

describe("recordEvent", () => {
  let registry: Registry;
  let owner: KubeObject;
  let clock: number;
  const now = () => new Date(clock);

  beforeEach(async () => {
    registry = createRegistry(new MemoryBackend());
    clock = Date.parse("2026-01-01T00:00:00Z");
    owner = await registry.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "web", namespace: "default" },
    });
  });

  afterEach(async () => {
    await registry.close();
  });

  const created = {
    reason: "SuccessfulCreate",
    message: "Created pod: web-abcde",
    component: "replication-controller",
  };

  it("creates an Event named <object>.<hash> about the object, with count 1", async () => {
    const event = await recordEvent(registry, { involvedObject: owner, ...created, now });
    expect(event?.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
    expect(event).toMatchObject({
      metadata: { namespace: "default" },
      involvedObject: { kind: "ConfigMap", name: "web", namespace: "default", uid: owner.metadata.uid },
      reason: "SuccessfulCreate",
      message: "Created pod: web-abcde",
      type: "Normal",
      source: { component: "replication-controller" },
      count: 1,
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: "2026-01-01T00:00:00Z",
    });
  });

  it("bumps count and lastTimestamp when the same event happens again", async () => {
    await recordEvent(registry, { involvedObject: owner, ...created, now });
    clock += 60_000;
    const again = await recordEvent(registry, { involvedObject: owner, ...created, now });
    expect(again).toMatchObject({
      count: 2,
      firstTimestamp: "2026-01-01T00:00:00Z",
      lastTimestamp: "2026-01-01T00:01:00Z",
    });
    expect((await registry.list("Event", { namespace: "default" })).items).toHaveLength(1);
  });

  it("keeps different messages apart", async () => {
    await recordEvent(registry, { involvedObject: owner, ...created });
    await recordEvent(registry, { involvedObject: owner, ...created, message: "Created pod: web-fghjk" });
    expect((await registry.list("Event", { namespace: "default" })).items).toHaveLength(2);
  });

  it("counts concurrent repeats without losing one", async () => {
    await recordEvent(registry, { involvedObject: owner, ...created });
    await Promise.all(Array.from({ length: 3 }, () => recordEvent(registry, { involvedObject: owner, ...created })));
    const event = (await registry.get("Event", "default", eventName({ involvedObject: owner, ...created }))) as Event;
    expect(event.count).toBe(4);
  });

  it("records events about cluster-scoped objects in the default namespace", async () => {
    const node = await registry.create({ apiVersion: "v1", kind: "Node", metadata: { name: "node-1" } });
    const event = await recordEvent(registry, {
      involvedObject: node,
      reason: "NodeNotReady",
      message: "Node node-1 status is now: NodeNotReady",
      type: "Warning",
      component: "node-controller",
    });
    expect(event).toMatchObject({
      metadata: { namespace: "default" },
      type: "Warning",
      involvedObject: { name: "node-1" },
    });
  });

  it("never throws: a failure is logged and resolves undefined", async () => {
    const lost: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "missing" } };
    const logs: string[] = [];
    const event = await recordEvent(registry, { involvedObject: lost, ...created, log: (l) => logs.push(l) });
    expect(event).toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain("SuccessfulCreate");
  });
});
