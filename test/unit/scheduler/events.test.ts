import { describe, expect, it } from "vitest";
import { newEvent } from "../../../src/scheduler/events.js";
import { newNode, newPod } from "./builders.js";

const now = () => new Date("2026-01-02T03:04:05.678Z");

describe("newEvent", () => {
  it("describes a namespaced object in its own namespace, named after it", () => {
    const event = newEvent({
      involved: newPod("web"),
      reason: "Scheduled",
      message: "Successfully assigned default/web to n1",
      component: "default-scheduler",
      now,
    });
    expect(event).toMatchObject({
      kind: "Event",
      metadata: { namespace: "default" },
      involvedObject: { apiVersion: "v1", kind: "Pod", namespace: "default", name: "web", uid: "uid-web" },
      reason: "Scheduled",
      type: "Normal",
      source: { component: "default-scheduler" },
      firstTimestamp: "2026-01-02T03:04:05Z",
      lastTimestamp: "2026-01-02T03:04:05Z",
      count: 1,
    });
    expect(event.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });

  it("gives every event a distinct name", () => {
    const options = { involved: newPod("web"), reason: "r", message: "m", component: "c" };
    expect(newEvent(options).metadata.name).not.toBe(newEvent(options).metadata.name);
  });

  it("files events about cluster-scoped objects under default", () => {
    const event = newEvent({ involved: newNode("n1"), reason: "r", message: "m", component: "c", type: "Warning" });
    expect(event.metadata.namespace).toBe("default");
    expect(event.involvedObject).not.toHaveProperty("namespace");
    expect(event.type).toBe("Warning");
  });
});
