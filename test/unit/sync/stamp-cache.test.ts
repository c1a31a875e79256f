import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { LAST_APPLIED_ANNOTATION, SOURCE_LABEL, stampDesired } from "../../../src/sync/index.js";

const manifest = (): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "a", labels: { app: "a" } },
  data: { k: "v" },
});

describe("stamped copies", () => {
  it("are reused for the same manifest object and source", () => {
    const object = manifest();
    expect(stampDesired(object, "one")).toBe(stampDesired(object, "one"));
  });

  it("are made afresh for another source, naming that source", () => {
    const object = manifest();
    const one = stampDesired(object, "one");
    const two = stampDesired(object, "two");
    expect(two).not.toBe(one);
    expect(two.metadata.labels?.[SOURCE_LABEL]).toBe("two");
    expect(stampDesired(object, "one").metadata.labels?.[SOURCE_LABEL]).toBe("one");
  });

  it("equal a fresh stamp of an equal manifest", () => {
    const object = manifest();
    stampDesired(object, "one");
    expect(stampDesired(object, "one")).toEqual(stampDesired(manifest(), "one"));
    expect(JSON.parse(stampDesired(object, "one").metadata.annotations![LAST_APPLIED_ANNOTATION]!)).toEqual(manifest());
  });
});
