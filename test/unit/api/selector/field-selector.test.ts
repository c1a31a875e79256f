import { describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../../src/api/errors.js";
import type { KubeObject } from "../../../../src/api/object.js";
import { parseFieldSelector } from "../../../../src/api/selector/index.js";

const scheduled: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-1", namespace: "prod" },
  spec: { nodeName: "node-a" },
  status: { phase: "Running" },
};
const pending: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "a,b=c", namespace: "dev" }, spec: {} };

describe("parseFieldSelector", () => {
  it.each<[string, string]>([
    ["", ""],
    ["metadata.name=web-1", "metadata.name=web-1"],
    ["metadata.name==web-1", "metadata.name==web-1"],
    ["status.phase!=Running,metadata.namespace=prod", "metadata.namespace=prod,status.phase!=Running"],
    ["spec.nodeName=", "spec.nodeName="],
    ["metadata.name=a\\,b\\=c", "metadata.name=a\\,b\\=c"],
    ["metadata.name=a\\\\b", "metadata.name=a\\\\b"],
    [" metadata.name = x ", "metadata.name=x"],
    ["metadata.name=x,", "metadata.name=x"],
  ])("parses %j into the canonical %j", (text, canonical) => {
    expect(parseFieldSelector(text).toString()).toBe(canonical);
  });

  it.each<[string, KubeObject, boolean]>([
    ["", scheduled, true],
    ["metadata.name=web-1", scheduled, true],
    ["metadata.name=web-2", scheduled, false],
    ["metadata.namespace==prod", scheduled, true],
    ["metadata.namespace!=prod", scheduled, false],
    ["spec.nodeName=node-a,status.phase=Running", scheduled, true],
    ["spec.nodeName=node-a,status.phase=Pending", scheduled, false],
    ["spec.nodeName=", pending, true],
    ["spec.nodeName=", scheduled, false],
    ["spec.nodeName!=", scheduled, true],
    ["status.phase!=Running", pending, true],
    ["metadata.name=a\\,b\\=c", pending, true],
  ])("%j matching the object is %s", (text, obj, expected) => {
    expect(parseFieldSelector(text).matches(obj)).toBe(expected);
  });

  it("is empty only without terms", () => {
    expect(parseFieldSelector("").empty).toBe(true);
    expect(parseFieldSelector("status.phase=Running").empty).toBe(false);
  });

  it.each<[string, string]>([
    ["spec.replicas=1", "field label not supported: spec.replicas"],
    ["metadata.labels=x", "field label not supported: metadata.labels"],
    ["metadata.name", "can't understand 'metadata.name'"],
    ["metadata.name=x,oops", "can't understand 'oops'"],
    ["metadata.name=a\\b", "invalid escape sequence"],
  ])("refuses %j with %j", (text, message) => {
    let caught: unknown;
    try {
      parseFieldSelector(text);
    } catch (error) {
      caught = error;
    }
    expect(isSlipwayError(caught, "BadRequest")).toBe(true);
    expect((caught as Error).message).toContain(message);
  });
});
