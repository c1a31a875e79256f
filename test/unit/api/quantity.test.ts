import { describe, expect, it } from "vitest";
import { compareQuantities, parseQuantity } from "../../../src/api/quantity.js";

describe("parseQuantity", () => {
  it.each([
    ["500m", 500, 1],
    ["0.5", 500, 1],
    ["1", 1000, 1],
    ["2.25", 2250, 3],
    ["100n", 1, 1],
    [1.5, 1500, 2],
    [2, 2000, 2],
    ["1e3", 1_000_000, 1000],
    ["1E", 1e21, 1e18],
    ["1k", 1_000_000, 1000],
    ["128Mi", 128 * 1024 * 1024 * 1000, 128 * 1024 * 1024],
    ["1.5Gi", 1.5 * 1024 ** 3 * 1000, 1.5 * 1024 ** 3],
    ["1G", 1e12, 1e9],
    ["0", 0, 0],
  ])("reads %j as %d milli and %d base units", (text, milli, value) => {
    const q = parseQuantity(text);
    expect(q.milli).toBe(milli);
    expect(q.value).toBe(value);
  });

  it.each([
    ["", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["abc", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["1 Gi", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["1.2.3", "unable to parse numeric part of quantity"],
    [".", "unable to parse numeric part of quantity"],
    ["1Mb", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ["1iK", "unable to parse quantity's suffix"],
    ["1KM", "unable to parse quantity's suffix"],
  ])("refuses %j with Kubernetes' message", (text, message) => {
    expect(() => parseQuantity(text)).toThrow(message);
  });

  it("rounds values below a nano unit up, as Kubernetes does", () => {
    expect(parseQuantity("1e-12").nanos).toBe(1n);
  });

  it("keeps the sign of negative quantities", () => {
    expect(parseQuantity("-1").milli).toBe(-1000);
  });
});

describe("compareQuantities", () => {
  it.each([
    ["500m", "0.5", 0],
    ["1", "999m", 1],
    ["1Gi", "1G", 1],
    ["128Mi", "256Mi", -1],
  ])("compares %s with %s as %d", (a, b, sign) => {
    expect(compareQuantities(parseQuantity(a), parseQuantity(b))).toBe(sign);
  });
});
