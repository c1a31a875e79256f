import { describe, expect, it } from "vitest";
import type { IntOrString } from "../../../../src/api/types/common.js";
import { maxSurge, maxUnavailable, resolveFenceposts } from "../../../../src/controllers/deployment/fenceposts.js";
import { newDeployment } from "./harness.js";

function rolling(replicas: number, surge?: IntOrString, unavailable?: IntOrString) {
  const rollingUpdate: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } = {};
  if (surge !== undefined) rollingUpdate.maxSurge = surge;
  if (unavailable !== undefined) rollingUpdate.maxUnavailable = unavailable;
  return newDeployment("web", { replicas, strategy: { type: "RollingUpdate", rollingUpdate } });
}

describe("rolling update fenceposts", () => {
  it.each([
    [10, "25%", "25%", 3, 2],
    [4, "25%", "25%", 1, 1],
    [1, "25%", "25%", 1, 0],
    [3, 0, 0, 0, 1],
    [5, "0%", "0%", 0, 1],
    [10, 2, "50%", 2, 5],
    [7, "100%", "10%", 7, 0],
  ] as const)(
    "with %s replicas, maxSurge %s and maxUnavailable %s resolve to %s and %s",
    (replicas, s, u, surge, unav) => {
      expect(resolveFenceposts(rolling(replicas, s, u))).toEqual({ maxSurge: surge, maxUnavailable: unav });
    },
  );

  it("defaults both to 25% when the strategy leaves them out", () => {
    expect(resolveFenceposts(rolling(8))).toEqual({ maxSurge: 2, maxUnavailable: 2 });
  });

  it("caps maxUnavailable at replicas and gives Recreate neither surge nor unavailability", () => {
    expect(maxUnavailable(rolling(2, 1, 5))).toBe(2);
    const recreate = newDeployment("web", { replicas: 4, strategy: { type: "Recreate" } });
    expect([maxSurge(recreate), maxUnavailable(recreate)]).toEqual([0, 0]);
  });

  it("refuses a string that is neither a number nor a percentage", () => {
    expect(() => resolveFenceposts(rolling(4, "lots", 1))).toThrow(/not a percentage/);
  });
});
