import { describe, expect, it } from "vitest";
import { humanDuration } from "../../../src/api/age.js";

describe("humanDuration prints ages the way kubectl does", () => {
  it.each([
    [-1_000, "<invalid>"],
    [0, "0s"],
    [59_000, "59s"],
    [119_000, "119s"],
    [120_000, "2m"],
    [125_000, "2m5s"],
    [10 * 60_000 + 30_000, "10m"],
    [3 * 3600_000, "3h"],
    [3 * 3600_000 + 5 * 60_000, "3h5m"],
    [30 * 3600_000, "30h"],
    [2 * 86400_000 + 3 * 3600_000, "2d3h"],
    [40 * 86400_000, "40d"],
    [3 * 365 * 86400_000 + 10 * 86400_000, "3y10d"],
    [9 * 365 * 86400_000, "9y"],
  ])("%d ms → %s", (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
