import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { isStaleVersion, relistDeltas } from "../../../../src/controllers/runtime/deltas.js";
import { Indexer } from "../../../../src/controllers/runtime/indexer.js";

/** `name@rv` → a ConfigMap in default with that resourceVersion. */
function obj(spec: string): KubeObject {
  const [name = "", rv = ""] = spec.split("@");
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "default", resourceVersion: rv } };
}

function summary(deltas: ReturnType<typeof relistDeltas>): string[] {
  return deltas.map((d) =>
    d.type === "update"
      ? `update ${d.obj.metadata.name} ${d.old.metadata.resourceVersion}->${d.obj.metadata.resourceVersion}`
      : `${d.type} ${d.obj.metadata.name}${d.type === "delete" && d.finalStateUnknown ? " (tombstone)" : ""}`,
  );
}

describe("relistDeltas", () => {
  it.each([
    {
      name: "an empty cache gets every listed object as an add",
      cache: [],
      list: ["a@2", "b@3"],
      want: ["add a", "add b"],
    },
    { name: "an unchanged object gives nothing", cache: ["a@2"], list: ["a@2"], want: [] },
    { name: "a new version gives an update", cache: ["a@2"], list: ["a@5"], want: ["update a 2->5"] },
    {
      name: "an object missing from the list gives a tombstone delete",
      cache: ["a@2", "b@3"],
      list: ["a@2"],
      want: ["delete b (tombstone)"],
    },
    {
      name: "a mix gives adds and updates in list order, then deletes in key order",
      cache: ["z@1", "a@2", "m@3"],
      list: ["c@9", "a@7"],
      want: ["add c", "update a 2->7", "delete m (tombstone)", "delete z (tombstone)"],
    },
    { name: "an empty list deletes everything", cache: ["a@1"], list: [], want: ["delete a (tombstone)"] },
  ])("$name", ({ cache, list, want }) => {
    const indexer = new Indexer();
    for (const spec of cache) indexer.set(obj(spec));
    expect(summary(relistDeltas(indexer, list.map(obj)))).toEqual(want);
  });
});

describe("isStaleVersion", () => {
  it.each([
    ["5", "7", true],
    ["7", "7", true],
    ["8", "7", false],
    ["10", "9", false],
    ["5", undefined, false],
    [undefined, "5", false],
    ["abc", "5", false],
  ] as const)("%s against %s is stale: %s", (candidate, current, stale) => {
    expect(isStaleVersion(candidate, current)).toBe(stale);
  });
});
