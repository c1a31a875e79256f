import { describe, expect, it } from "vitest";
import { ItemExponentialBackoff } from "../../../../src/controllers/runtime/rate-limiter.js";

describe("ItemExponentialBackoff", () => {
  it("starts at 5 ms and doubles per failure, like client-go's default item limiter", () => {
    const limiter = new ItemExponentialBackoff<string>();
    expect(Array.from({ length: 6 }, () => limiter.when("k"))).toEqual([5, 10, 20, 40, 80, 160]);
  });

  it("caps the delay at 1000 s", () => {
    const limiter = new ItemExponentialBackoff<string>();
    const delays = Array.from({ length: 100 }, () => limiter.when("k"));
    expect(delays[17]).toBe(655_360);
    expect(delays[18]).toBe(1_000_000);
    expect(delays.at(-1)).toBe(1_000_000);
  });

  it("keeps a separate count per item", () => {
    const limiter = new ItemExponentialBackoff<string>();
    limiter.when("a");
    limiter.when("a");
    expect(limiter.when("b")).toBe(5);
    expect(limiter.retries("a")).toBe(2);
  });

  it("starts again from the base delay after forget", () => {
    const limiter = new ItemExponentialBackoff<string>({ baseMs: 10, maxMs: 50 });
    expect([limiter.when("a"), limiter.when("a"), limiter.when("a"), limiter.when("a")]).toEqual([10, 20, 40, 50]);
    limiter.forget("a");
    expect(limiter.retries("a")).toBe(0);
    expect(limiter.when("a")).toBe(10);
  });
});
