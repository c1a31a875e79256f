import { describe, expect, it } from "vitest";
import { BackOff } from "../../../src/kubelet/index.js";

describe("the restart back-off", () => {
  it("doubles from 10 s to a cap of 5 min", () => {
    let now = 0;
    const backOff = new BackOff({ now: () => now });
    const delays = Array.from({ length: 8 }, () => {
      now += 1000;
      return backOff.next("uid/app");
    });
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });

  it("counts the wait from when the container ended", () => {
    let now = 100_000;
    const backOff = new BackOff({ now: () => now });
    expect(backOff.remaining("k", now)).toBe(0);
    backOff.next("k");
    const ended = now + 2_000;
    now = ended + 4_000;
    expect(backOff.remaining("k", ended)).toBe(6_000);
    now = ended + 10_000;
    expect(backOff.remaining("k", ended)).toBe(0);
  });

  it("starts again from 10 s once 10 minutes passed since the last restart", () => {
    let now = 0;
    const backOff = new BackOff({ now: () => now });
    backOff.next("k");
    backOff.next("k");
    expect(backOff.delay("k")).toBe(20_000);
    now += 600_000;
    expect(backOff.remaining("k", now)).toBe(0);
    expect(backOff.next("k")).toBe(10_000);
  });

  it("forgets every key of a pod", () => {
    const backOff = new BackOff();
    backOff.next("uid-1/a");
    backOff.next("uid-1/b/image");
    backOff.next("uid-2/a");
    backOff.forget("uid-1/");
    expect([backOff.delay("uid-1/a"), backOff.delay("uid-1/b/image"), backOff.delay("uid-2/a")]).toEqual([
      undefined,
      undefined,
      10_000,
    ]);
  });
});
