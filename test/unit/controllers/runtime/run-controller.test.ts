import { describe, expect, it } from "vitest";
import { runController } from "../../../../src/controllers/runtime/run-controller.js";
import { WorkQueue } from "../../../../src/controllers/runtime/work-queue.js";
import { RecordingRateLimiter } from "../../../helpers/recording-rate-limiter.js";
import { waitFor } from "../../../helpers/wait-for.js";

/** A promise the test resolves by hand, to hold a sync in progress for as long as it needs. */
function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe("runController", () => {
  it("syncs every queued key and returns once the signal aborts", async () => {
    const queue = new WorkQueue();
    const synced: string[] = [];
    const abort = new AbortController();
    const running = runController({
      name: "test",
      queue,
      workers: 2,
      sync: async (key) => {
        synced.push(key);
      },
      signal: abort.signal,
    });
    for (const key of ["default/a", "default/b", "default/c"]) queue.add(key);
    await waitFor(() => synced.length === 3, "three syncs");
    abort.abort();
    await running;
    expect(synced.sort()).toEqual(["default/a", "default/b", "default/c"]);
  });

  it("never syncs one key on two workers at once and re-runs a key re-added during its sync exactly once", async () => {
    const queue = new WorkQueue();
    const abort = new AbortController();
    const first = gate();
    const log: string[] = [];
    let running = 0;
    let maxConcurrentForA = 0;
    let calls = 0;
    const done = runController({
      name: "test",
      queue,
      workers: 2,
      signal: abort.signal,
      sync: async (key) => {
        running++;
        maxConcurrentForA = Math.max(maxConcurrentForA, running);
        calls++;
        log.push(`start ${key} #${calls}`);
        if (calls === 1) await first.promise;
        log.push(`end ${key} #${calls}`);
        running--;
      },
    });
    queue.add("a");
    await waitFor(() => calls === 1, "the first sync to start");
    queue.add("a");
    queue.add("a");
    // The second worker is idle, but "a" is being processed: it must not get it.
    expect(queue.length).toBe(0);
    first.open();
    await waitFor(() => calls === 2 && running === 0, "the re-added key to run again");
    abort.abort();
    await done;
    expect(maxConcurrentForA).toBe(1);
    expect(log).toEqual(["start a #1", "end a #1", "start a #2", "end a #2"]);
  });

  it("re-queues a failing key with growing back-off, logs each failure once, and resets on success", async () => {
    const limiter = new RecordingRateLimiter<string>();
    const queue = new WorkQueue({ rateLimiter: limiter });
    const abort = new AbortController();
    const lines: string[] = [];
    let attempts = 0;
    const done = runController({
      name: "replicaset",
      queue,
      signal: abort.signal,
      log: (line) => lines.push(line),
      sync: async () => {
        attempts++;
        if (attempts <= 3) throw new Error(`boom ${attempts}`);
      },
    });
    queue.add("default/web");
    await waitFor(() => attempts === 4, "the fourth attempt");
    await waitFor(() => queue.numRequeues("default/web") === 0, "forget after success");
    abort.abort();
    await done;
    expect(limiter.delays.get("default/web")).toEqual([5, 10, 20]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('replicaset: sync of "default/web" failed');
    expect(lines[0]).toContain("boom 1");
    expect(lines[2]).toContain("boom 3");
  });

  it("lets the sync in progress finish when shut down, and syncs what was already queued", async () => {
    const queue = new WorkQueue();
    const abort = new AbortController();
    const hold = gate();
    const finished: string[] = [];
    const done = runController({
      name: "test",
      queue,
      signal: abort.signal,
      sync: async (key) => {
        if (key === "a") await hold.promise;
        finished.push(key);
      },
    });
    queue.add("a");
    queue.add("b");
    await waitFor(() => queue.length === 1, "a to be taken");
    abort.abort();
    queue.add("c");
    hold.open();
    await done;
    expect(finished).toEqual(["a", "b"]);
  });

  it("returns at once when the signal was already aborted and nothing is queued", async () => {
    const abort = new AbortController();
    abort.abort();
    await runController({ name: "test", queue: new WorkQueue(), sync: async () => {}, signal: abort.signal });
  });
});
