import { describe, expect, it } from "vitest";
import { EXPECTATIONS_TTL_MS, Expectations } from "../../../../src/controllers/runtime/expectations.js";

function clock() {
  const state = { now: 1_000_000 };
  return { state, now: () => state.now };
}

describe("Expectations", () => {
  it("is satisfied for a key nothing was expected of", () => {
    expect(new Expectations().satisfied("default/web")).toBe(true);
  });

  it("blocks until every expected creation was observed", () => {
    const expectations = new Expectations();
    expectations.expectCreations("default/web", 2);
    expect(expectations.satisfied("default/web")).toBe(false);
    expectations.creationObserved("default/web");
    expect(expectations.satisfied("default/web")).toBe(false);
    expect(expectations.pending("default/web")).toEqual({ adds: 1, deletes: 0 });
    expectations.creationObserved("default/web");
    expect(expectations.satisfied("default/web")).toBe(true);
  });

  it("blocks until every expected deletion was observed", () => {
    const expectations = new Expectations();
    expectations.expectDeletions("default/web", 1);
    expect(expectations.satisfied("default/web")).toBe(false);
    expectations.deletionObserved("default/web");
    expect(expectations.satisfied("default/web")).toBe(true);
  });

  it("keeps keys apart", () => {
    const expectations = new Expectations();
    expectations.expectCreations("default/a", 1);
    expectations.creationObserved("default/b");
    expect(expectations.satisfied("default/a")).toBe(false);
    expect(expectations.satisfied("default/b")).toBe(true);
  });

  it("counts unmet expectations as satisfied once the 5-minute TTL has passed", () => {
    const { state, now } = clock();
    const expectations = new Expectations({ now });
    expectations.expectCreations("default/web", 3);
    state.now += EXPECTATIONS_TTL_MS;
    expect(expectations.satisfied("default/web")).toBe(false);
    state.now += 1;
    expect(expectations.satisfied("default/web")).toBe(true);
  });

  it("restarts the TTL when expectations are set again", () => {
    const { state, now } = clock();
    const expectations = new Expectations({ now, ttlMs: 100 });
    expectations.expectCreations("default/web", 1);
    state.now += 90;
    expectations.expectCreations("default/web", 1);
    state.now += 90;
    expect(expectations.satisfied("default/web")).toBe(false);
  });

  it("forgets a deleted key", () => {
    const expectations = new Expectations();
    expectations.expectCreations("default/web", 1);
    expectations.delete("default/web");
    expect(expectations.satisfied("default/web")).toBe(true);
    expect(expectations.pending("default/web")).toBeUndefined();
  });
});
