import { describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../src/api/errors.js";
import { sourceIdFor } from "../../../src/cli/commands/apply.js";
import { parseLabelArgs } from "../../../src/cli/commands/mutate.js";
import { parseListen } from "../../../src/cli/commands/up.js";
import { renderTable } from "../../../src/cli/output/table.js";

describe("renderTable", () => {
  it("pads every column but the last to its widest cell plus three spaces", () => {
    expect(
      renderTable(
        ["NAME", "AGE"],
        [
          ["web-1", "5s"],
          ["a", "10m"],
        ],
      ),
    ).toBe(["NAME    AGE", "web-1   5s", "a       10m"].join("\n"));
  });
});

describe("parseLabelArgs", () => {
  it("reads key=value as set and key- as remove", () => {
    expect(parseLabelArgs(["tier=web", "canary-", "empty="])).toEqual({ tier: "web", canary: null, empty: "" });
  });
  it("refuses an argument that is neither", () => {
    expect(() => parseLabelArgs(["tier"])).toThrow(/expected key=value or key-/);
  });
});

describe("parseListen", () => {
  it.each([
    ["127.0.0.1:6480", { host: "127.0.0.1", port: 6480 }],
    ["0.0.0.0:0", { host: "0.0.0.0", port: 0 }],
    ["[::1]:7000", { host: "::1", port: 7000 }],
    ["7000", { host: "127.0.0.1", port: 7000 }],
  ])("%s", (text, expected) => {
    expect(parseListen(text)).toEqual(expected);
  });
  it("refuses a port out of range with a usage error", () => {
    try {
      parseListen("127.0.0.1:70000");
      expect.unreachable();
    } catch (error) {
      expect(isSlipwayError(error, "Usage")).toBe(true);
    }
  });
});

describe("sourceIdFor", () => {
  it("is a valid label value, stable for one path and distinct for another", () => {
    const id = sourceIdFor("/srv/My Apps/guestbook");
    expect(id).toMatch(/^guestbook-[0-9a-f]{8}$/);
    expect(sourceIdFor("/srv/My Apps/guestbook")).toBe(id);
    expect(sourceIdFor("/srv/other/guestbook")).not.toBe(id);
    expect(id.length).toBeLessThanOrEqual(63);
  });
});
