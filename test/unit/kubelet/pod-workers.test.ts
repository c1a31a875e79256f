import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/types/index.js";
import { PodWorkers } from "../../../src/kubelet/index.js";
import { waitFor } from "../../helpers/wait-for.js";

function pod(uid: string, version: string, deleting = false): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `p-${uid}`,
      namespace: "default",
      uid,
      resourceVersion: version,
      ...(deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}),
    },
    spec: { containers: [] },
  };
}

/** A sync that blocks until released, recording what it was given. */
function gate() {
  const seen: string[] = [];
  let active = 0;
  let maxActive = 0;
  let release: () => void = () => {};
  let blocked = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    seen,
    get maxActive() {
      return maxActive;
    },
    open: () => release(),
    close: () => {
      blocked = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    run: async (p: Pod) => {
      active++;
      maxActive = Math.max(maxActive, active);
      seen.push(`${p.metadata.uid}@${p.metadata.resourceVersion}`);
      await blocked;
      active--;
      return {};
    },
  };
}

describe("pod workers", () => {
  it("coalesce updates that arrive during a sync: only the latest runs next", async () => {
    const g = gate();
    const workers = new PodWorkers({ sync: g.run, terminate: async () => {} });
    workers.updatePod({ pod: pod("a", "1") });
    workers.updatePod({ pod: pod("a", "2") });
    workers.updatePod({ pod: pod("a", "3") });
    g.open();
    await waitFor(() => g.seen.length === 2, "the second sync");
    await workers.idle("a");
    expect(g.seen).toEqual(["a@1", "a@3"]);
    expect(g.maxActive).toBe(1);
  });

  it("run different pods in parallel", async () => {
    const g = gate();
    const workers = new PodWorkers({ sync: g.run, terminate: async () => {} });
    workers.updatePod({ pod: pod("a", "1") });
    workers.updatePod({ pod: pod("b", "1") });
    await waitFor(() => g.seen.length === 2, "both syncs");
    expect(g.maxActive).toBe(2);
    g.open();
  });

  it("move from syncing to terminating to terminated, and ignore late updates", async () => {
    const terminated: string[] = [];
    const synced: string[] = [];
    const workers = new PodWorkers({
      sync: async (p) => {
        synced.push(p.metadata.resourceVersion ?? "");
        return {};
      },
      terminate: async (p, gone) => {
        terminated.push(`${p.metadata.resourceVersion}:${gone}`);
      },
    });
    workers.updatePod({ pod: pod("a", "1") });
    await workers.idle("a");
    expect(workers.state("a")).toBe("syncing");
    workers.updatePod({ pod: pod("a", "2", true) });
    await workers.idle("a");
    expect(workers.state("a")).toBe("terminated");
    workers.updatePod({ pod: pod("a", "3") });
    await workers.idle("a");
    expect(synced).toEqual(["1"]);
    expect(terminated).toEqual(["2:false"]);
    workers.updatePod({ pod: pod("a", "3"), gone: true });
    expect(workers.state("a")).toBeUndefined();
  });

  it("retry a failed termination until it succeeds", async () => {
    let attempts = 0;
    const workers = new PodWorkers({
      sync: async () => ({}),
      terminate: async () => {
        attempts++;
        if (attempts < 3) throw new Error("engine busy");
      },
      retryBaseMs: 1,
    });
    workers.updatePod({ pod: pod("a", "1"), gone: true });
    await waitFor(() => attempts === 3, "three attempts");
    await waitFor(() => workers.state("a") === undefined, "the worker forgotten");
  });
});
