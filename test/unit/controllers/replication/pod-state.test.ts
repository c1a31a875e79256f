import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/api/types/pod.js";
import { isPodActive, isPodAvailable, podsToDelete } from "../../../../src/controllers/replication/index.js";

interface PodFacts {
  node?: string;
  phase?: "Pending" | "Running" | "Unknown" | "Failed" | "Succeeded";
  ready?: boolean;
  restarts?: number;
  created?: string;
  deleting?: boolean;
}

function pod(name: string, facts: PodFacts = {}): Pod {
  const { node, phase = "Running", ready = false, restarts = 0, created = "2026-01-01T00:00:00Z", deleting } = facts;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      creationTimestamp: created,
      ...(deleting ? { deletionTimestamp: "2026-01-02T00:00:00Z" } : {}),
    },
    spec: { containers: [{ name: "c", image: "x" }], ...(node ? { nodeName: node } : {}) },
    status: {
      phase,
      conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: "2026-01-01T00:00:00Z" }],
      containerStatuses: [{ name: "c", ready, restartCount: restarts, image: "x", imageID: "" }],
    },
  };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata.name);

describe("scale-down order", () => {
  it.each([
    ["an unscheduled pod before a scheduled one", pod("a", { node: "n" }), pod("b")],
    ["a pending pod before a running one", pod("a", { node: "n" }), pod("b", { node: "n", phase: "Pending" })],
    ["a not-ready pod before a ready one", pod("a", { node: "n", ready: true }), pod("b", { node: "n" })],
    ["a pod with more restarts first", pod("a", { node: "n" }), pod("b", { node: "n", restarts: 3 })],
    [
      "a newer pod before an older one",
      pod("a", { node: "n", created: "2026-01-01T00:00:00Z" }),
      pod("b", { node: "n", created: "2026-01-01T00:05:00Z" }),
    ],
  ])("deletes %s", (_, keep, victim) => {
    expect(names(podsToDelete([keep, victim], 1))).toEqual(["b"]);
    expect(names(podsToDelete([victim, keep], 1))).toEqual(["b"]);
  });
});

describe("pod facts", () => {
  it("counts neither finished nor deleting pods as active", () => {
    expect(isPodActive(pod("a"))).toBe(true);
    expect(isPodActive(pod("a", { phase: "Failed" }))).toBe(false);
    expect(isPodActive(pod("a", { phase: "Succeeded" }))).toBe(false);
    expect(isPodActive(pod("a", { deleting: true }))).toBe(false);
  });

  it("makes a ready pod available only minReadySeconds after it became ready", () => {
    const readyAt = Date.parse("2026-01-01T00:00:00Z");
    const ready = pod("a", { ready: true });
    expect(isPodAvailable(ready, 0, readyAt)).toBe(true);
    expect(isPodAvailable(ready, 30, readyAt + 29_000)).toBe(false);
    expect(isPodAvailable(ready, 30, readyAt + 30_000)).toBe(true);
    expect(isPodAvailable(pod("b"), 0, readyAt)).toBe(false);
  });
});
