import { describe, expect, it } from "vitest";
import type { FieldError } from "../../../src/api/errors.js";
import type { KubeObject } from "../../../src/api/object.js";
import { LAST_APPLIED_ANNOTATION, plan, stampDesired } from "../../../src/sync/index.js";

const cm = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data,
});

/** Refuses any ConfigMap whose data has a key "bad". */
const rejectBad = (next: KubeObject): FieldError[] =>
  (next.data as Record<string, string> | undefined)?.bad !== undefined
    ? [{ type: "Invalid", field: "data.bad", badValue: "x", detail: "not allowed here" }]
    : [];

describe("plan", () => {
  it("turns an invalid object into a plan error naming file, line, object and field", () => {
    const result = plan({
      desired: [
        { object: cm("ok", { a: "1" }), source: { file: "apps/ok.yaml", line: 1 } },
        { object: cm("broken", { bad: "x" }), source: { file: "apps/broken.yaml", line: 12 } },
      ],
      live: [],
      sourceId: "demo",
      validate: rejectBad,
    });
    expect(result.errors.map((e) => e.message)).toEqual([
      'apps/broken.yaml:12: ConfigMap/default/broken: data.bad: Invalid value: "x": not allowed here',
    ]);
    expect(result.steps).toHaveLength(2);
  });

  it("validates the patched result against the live object it replaces", () => {
    const live = { ...stampDesired(cm("a", { a: "1" }), "demo") };
    live.metadata = { ...live.metadata, uid: "u1", resourceVersion: "3" };
    const seen: [unknown, unknown][] = [];
    plan({
      desired: [{ object: cm("a", { a: "2" }) }],
      live: [live],
      sourceId: "demo",
      validate: (next, previous) => {
        seen.push([next.data, previous?.metadata.uid]);
        return [];
      },
    });
    expect(seen).toEqual([[{ a: "2" }, "u1"]]);
  });

  it("refuses the same object twice in one source", () => {
    const result = plan({ desired: [{ object: cm("a", {}) }, { object: cm("a", {}) }], live: [], sourceId: "demo" });
    expect(result.errors.map((e) => e.message)).toEqual(["ConfigMap/default/a appears more than once in the source"]);
  });

  it("records the manifest as written in the last-applied annotation and stamps the ownership labels", () => {
    const manifest: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" } };
    const [step] = plan({ desired: [{ object: manifest }], live: [], sourceId: "demo" }).steps;
    expect(step?.desired?.metadata).toEqual({
      name: "a",
      namespace: "default",
      labels: { "app.kubernetes.io/managed-by": "slipway", "slipway.dev/source": "demo" },
      annotations: {
        [LAST_APPLIED_ANNOTATION]: '{"apiVersion":"v1","data":{"k":"v"},"kind":"ConfigMap","metadata":{"name":"a"}}',
      },
    });
    expect(manifest.metadata).toEqual({ name: "a" });
  });

  it("detects drift made directly in the cluster on a field the manifest sets", () => {
    const live = stampDesired(cm("a", { k: "v" }), "demo");
    const drifted = { ...live, data: { k: "edited by hand" } };
    const [step] = plan({ desired: [{ object: cm("a", { k: "v" }) }], live: [drifted], sourceId: "demo" }).steps;
    expect(step?.action).toBe("patch");
    expect(step?.patch).toEqual([{ op: "replace", path: "/data/k", value: "v" }]);
  });
});

describe("plan keys", () => {
  it("refuses an object without a fixed name", () => {
    const object: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "x-" } };
    const result = plan({ desired: [{ object, source: { file: "a.yaml", line: 3 } }], live: [], sourceId: "demo" });
    expect(result.errors.map((e) => e.message)).toEqual([
      "a.yaml:3: ConfigMap: metadata.name: Required value: objects from a source need a fixed name",
    ]);
    expect(result.steps).toEqual([]);
  });

  it("pairs a cluster-scoped object written with a namespace with its live object", () => {
    const manifest: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", namespace: "x" } };
    const live = stampDesired(manifest, "demo");
    const [step] = plan({ desired: [{ object: manifest }], live: [live], sourceId: "demo" }).steps;
    expect(step).toMatchObject({ key: { kind: "Namespace", namespace: "", name: "shop" }, action: "unchanged" });
  });
});
