import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../../src/api/object.js";
import { enqueueControllerOf, enqueueObject } from "../../../../src/controllers/runtime/enqueue.js";
import { WorkQueue } from "../../../../src/controllers/runtime/work-queue.js";

function pod(name: string, owner?: { kind: string; name: string; uid: string; controller?: boolean }): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "shop",
      ...(owner ? { ownerReferences: [{ apiVersion: "apps/v1", controller: true, ...owner }] } : {}),
    },
  };
}

async function drain(queue: WorkQueue): Promise<string[]> {
  const keys: string[] = [];
  while (queue.length > 0) keys.push((await queue.get())!);
  return keys;
}

describe("enqueue handlers", () => {
  it("enqueue the object's own key on add, update and delete", async () => {
    const queue = new WorkQueue();
    const handlers = enqueueObject(queue);
    handlers.onAdd?.(pod("a"));
    handlers.onUpdate?.(pod("b"), pod("b"));
    handlers.onDelete?.(pod("c"), { finalStateUnknown: true });
    expect(await drain(queue)).toEqual(["shop/a", "shop/b", "shop/c"]);
  });

  it("enqueue the controlling owner of the given kind and ignore other owners", async () => {
    const queue = new WorkQueue();
    const handlers = enqueueControllerOf(queue, "ReplicaSet");
    handlers.onAdd?.(pod("a", { kind: "ReplicaSet", name: "web", uid: "u1" }));
    handlers.onAdd?.(pod("b", { kind: "Job", name: "batch", uid: "u2" }));
    handlers.onAdd?.(pod("c", { kind: "ReplicaSet", name: "db", uid: "u3", controller: false }));
    handlers.onAdd?.(pod("d"));
    expect(await drain(queue)).toEqual(["shop/web"]);
  });

  it("enqueue both owners when an update moves a child from one owner to another", async () => {
    const queue = new WorkQueue();
    const handlers = enqueueControllerOf(queue, "ReplicaSet");
    handlers.onUpdate?.(
      pod("a", { kind: "ReplicaSet", name: "old", uid: "u1" }),
      pod("a", { kind: "ReplicaSet", name: "new", uid: "u2" }),
    );
    expect(await drain(queue)).toEqual(["shop/new", "shop/old"]);
  });
});
