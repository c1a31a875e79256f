import { describe, expect, it } from "vitest";
import { withPodCondition } from "../../../src/scheduler/pod-condition.js";

const at = (iso: string) => () => new Date(iso);
const unschedulable = { type: "PodScheduled", status: "False" as const, reason: "Unschedulable", message: "0/1" };

describe("withPodCondition", () => {
  it("adds the condition to a pod without status, as Pending", () => {
    expect(withPodCondition(undefined, unschedulable, at("2026-01-01T00:00:00.500Z"))).toEqual({
      phase: "Pending",
      conditions: [{ ...unschedulable, lastProbeTime: null, lastTransitionTime: "2026-01-01T00:00:00Z" }],
    });
  });

  it("returns undefined when nothing would change, so no write is made", () => {
    const status = withPodCondition(undefined, unschedulable, at("2026-01-01T00:00:00Z"));
    expect(withPodCondition(status, unschedulable, at("2026-01-01T00:05:00Z"))).toBeUndefined();
  });

  it("keeps lastTransitionTime when only the message changes", () => {
    const first = withPodCondition(undefined, unschedulable, at("2026-01-01T00:00:00Z"));
    const next = withPodCondition(first, { ...unschedulable, message: "0/2" }, at("2026-01-01T00:05:00Z"));
    expect(next?.conditions?.[0]).toMatchObject({ message: "0/2", lastTransitionTime: "2026-01-01T00:00:00Z" });
  });

  it("moves lastTransitionTime and replaces the condition when its status flips, keeping the others", () => {
    const first = withPodCondition(
      { phase: "Pending", conditions: [{ type: "Ready", status: "False" }] },
      unschedulable,
      at("2026-01-01T00:00:00Z"),
    );
    const next = withPodCondition(first, { type: "PodScheduled", status: "True" }, at("2026-01-01T00:05:00Z"));
    expect(next?.conditions).toEqual([
      { type: "Ready", status: "False" },
      { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: "2026-01-01T00:05:00Z" },
    ]);
  });
});
