import { describe, expect, it } from "vitest";
import { ItemExponentialBackoff } from "../../../../src/controllers/runtime/rate-limiter.js";
import { WorkQueue } from "../../../../src/controllers/runtime/work-queue.js";
import { settle } from "../../../helpers/store-events.js";

/** Resolves with what get() gave, or "pending" if it has not resolved once the event loop is idle. */
async function peek<T>(promise: Promise<T>): Promise<T | "pending"> {
  let result: T | "pending" = "pending";
  void promise.then((value) => {
    result = value;
  });
  await settle();
  return result;
}

describe("WorkQueue", () => {
  it("hands items out in the order they were added", async () => {
    const queue = new WorkQueue();
    queue.add("a");
    queue.add("b");
    queue.add("c");
    expect([await queue.get(), await queue.get(), await queue.get()]).toEqual(["a", "b", "c"]);
  });

  it("collapses duplicate adds of an item that is still waiting", async () => {
    const queue = new WorkQueue();
    queue.add("a");
    queue.add("b");
    queue.add("a");
    expect(queue.length).toBe(2);
    expect(await queue.get()).toBe("a");
    expect(await queue.get()).toBe("b");
    expect(queue.length).toBe(0);
  });

  it("wakes a waiting worker when an item arrives", async () => {
    const queue = new WorkQueue();
    const next = queue.get();
    expect(await peek(next)).toBe("pending");
    queue.add("a");
    expect(await next).toBe("a");
  });

  it("never hands an item out again while it is processed, and queues it once more after done", async () => {
    const queue = new WorkQueue();
    queue.add("a");
    expect(await queue.get()).toBe("a");
    queue.add("a");
    queue.add("a");
    expect(queue.length).toBe(0);
    const second = queue.get();
    expect(await peek(second)).toBe("pending");
    queue.done("a");
    expect(await second).toBe("a");
    queue.done("a");
    expect(queue.length).toBe(0);
    expect(await peek(queue.get())).toBe("pending");
  });

  it("lets workers drain what is queued after shutDown, then ends them", async () => {
    const queue = new WorkQueue();
    queue.add("a");
    queue.add("b");
    const drained = queue.shutDown();
    queue.add("c");
    expect(await queue.get()).toBe("a");
    expect(await queue.get()).toBe("b");
    expect(await queue.get()).toBeUndefined();
    expect(await peek(drained)).toBe("pending");
    queue.done("a");
    queue.done("b");
    await drained;
  });

  it("still hands out an item re-added while processing when shut down meanwhile", async () => {
    const queue = new WorkQueue();
    queue.add("a");
    expect(await queue.get()).toBe("a");
    queue.add("a");
    void queue.shutDown();
    const next = queue.get();
    expect(await peek(next)).toBe("pending");
    queue.done("a");
    expect(await next).toBe("a");
    queue.done("a");
    expect(await queue.get()).toBeUndefined();
  });

  it("releases waiting workers with undefined on shutDown of an empty queue", async () => {
    const queue = new WorkQueue();
    const waiting = [queue.get(), queue.get()];
    await queue.shutDown();
    expect(await Promise.all(waiting)).toEqual([undefined, undefined]);
  });

  it("adds an item after a delay, keeping the earliest of several delays", async () => {
    let now = 1000;
    const queue = new WorkQueue({ now: () => now });
    queue.addAfter("a", 60_000);
    queue.addAfter("a", 1);
    now += 1;
    expect(await queue.get()).toBe("a");
    queue.done("a");
    expect(queue.length).toBe(0);
    await queue.shutDown();
  });

  it("adds at once for a delay of zero", () => {
    const queue = new WorkQueue();
    queue.addAfter("a", 0);
    expect(queue.length).toBe(1);
  });

  it("drops pending delayed adds on shutDown", async () => {
    const queue = new WorkQueue();
    queue.addAfter("a", 1);
    await queue.shutDown();
    expect(await queue.get()).toBeUndefined();
  });

  it("returns the back-off delay of each rate-limited add and resets it on forget", () => {
    const limiter = new ItemExponentialBackoff<string>();
    const queue = new WorkQueue({ rateLimiter: limiter });
    const delays = [1, 2, 3, 4].map(() => queue.addRateLimited("a"));
    expect(delays).toEqual([5, 10, 20, 40]);
    expect(queue.numRequeues("a")).toBe(4);
    expect(queue.addRateLimited("b")).toBe(5);
    queue.forget("a");
    expect(queue.numRequeues("a")).toBe(0);
    expect(queue.addRateLimited("a")).toBe(5);
    void queue.shutDown();
  });
});
