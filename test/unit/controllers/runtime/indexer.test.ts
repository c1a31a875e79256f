import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { cacheKey, splitCacheKey } from "../../../../src/controllers/runtime/cache-key.js";
import { byNodeName, byOwnerUid, Indexer } from "../../../../src/controllers/runtime/indexer.js";

function pod(name: string, { owners = [] as string[], node = "" } = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      ownerReferences: owners.map((uid) => ({ apiVersion: "apps/v1", kind: "ReplicaSet", name: uid, uid })),
    },
    spec: node ? { nodeName: node } : {},
  };
}

const names = (objs: KubeObject[]) => objs.map((o) => o.metadata.name).sort();

describe("cache keys", () => {
  it.each([
    ["default", "web", "default/web"],
    ["", "node-1", "node-1"],
  ])("keys namespace %j, name %j as %s and splits it back", (namespace, name, key) => {
    const metadata = namespace ? { namespace, name } : { name };
    expect(cacheKey({ apiVersion: "v1", kind: "X", metadata })).toBe(key);
    expect(splitCacheKey(key)).toEqual({ namespace, name });
  });
});

describe("Indexer", () => {
  it("finds objects by secondary index and keeps the index current on update and delete", () => {
    const indexer = new Indexer({ owner: byOwnerUid, node: byNodeName });
    indexer.set(pod("a", { owners: ["rs1"], node: "n1" }));
    indexer.set(pod("b", { owners: ["rs1", "rs2"] }));
    indexer.set(pod("c", { owners: ["rs2"], node: "n1" }));
    expect(names(indexer.byIndex("owner", "rs1"))).toEqual(["a", "b"]);
    expect(names(indexer.byIndex("node", "n1"))).toEqual(["a", "c"]);

    const old = indexer.set(pod("a", { owners: ["rs2"], node: "n2" }));
    expect(old?.spec).toEqual({ nodeName: "n1" });
    expect(names(indexer.byIndex("owner", "rs1"))).toEqual(["b"]);
    expect(names(indexer.byIndex("owner", "rs2"))).toEqual(["a", "b", "c"]);
    expect(names(indexer.byIndex("node", "n2"))).toEqual(["a"]);

    expect(indexer.delete("default/b")?.metadata.name).toBe("b");
    expect(indexer.byIndex("owner", "rs1")).toEqual([]);
    expect(names(indexer.byIndex("owner", "rs2"))).toEqual(["a", "c"]);
    expect(indexer.size).toBe(2);
    expect(indexer.delete("default/b")).toBeUndefined();
  });

  it("does not index unscheduled pods by node", () => {
    const indexer = new Indexer({ node: byNodeName });
    indexer.set(pod("a"));
    expect(indexer.byIndex("node", "")).toEqual([]);
  });

  it("indexes objects already stored when an index is added later", () => {
    const indexer = new Indexer();
    indexer.set(pod("a", { node: "n1" }));
    indexer.addIndexers({ node: byNodeName });
    indexer.addIndexers({ node: byNodeName });
    expect(names(indexer.byIndex("node", "n1"))).toEqual(["a"]);
    expect(() => indexer.addIndexers({ node: byOwnerUid })).toThrow("already declared");
  });

  it("refuses an index that was not declared", () => {
    expect(() => new Indexer().byIndex("owner", "x")).toThrow("index owner is not declared");
  });
});
