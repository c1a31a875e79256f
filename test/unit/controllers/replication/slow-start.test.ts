import { describe, expect, it } from "vitest";
import { slowStartBatch } from "../../../../src/controllers/replication/slow-start.js";

describe("slowStartBatch", () => {
  it("runs calls in batches of 1, 2, 4, ... until all are done", async () => {
    const batches: number[][] = [];
    let current: number[] = [];
    let inFlight = 0;
    const result = await slowStartBatch(10, 1, async (i) => {
      if (inFlight === 0) {
        current = [];
        batches.push(current);
      }
      inFlight++;
      current.push(i);
      await Promise.resolve();
      inFlight--;
    });
    expect(result).toEqual({ successes: 10, errors: [] });
    expect(batches).toEqual([[0], [1, 2], [3, 4, 5, 6], [7, 8, 9]]);
  });

  it("stops after the first batch with a failure", async () => {
    const calls: number[] = [];
    const result = await slowStartBatch(10, 1, async (i) => {
      calls.push(i);
      if (i === 2) throw new Error("quota exceeded");
    });
    expect(calls).toEqual([0, 1, 2]);
    expect(result.successes).toBe(2);
    expect(result.errors).toHaveLength(1);
  });

  it("makes one call when the first one fails", async () => {
    let calls = 0;
    const result = await slowStartBatch(8, 1, async () => {
      calls++;
      throw new Error("invalid template");
    });
    expect(calls).toBe(1);
    expect(result).toMatchObject({ successes: 0 });
  });
});
