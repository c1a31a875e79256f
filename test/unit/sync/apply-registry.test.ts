import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { createRegistry, MemoryBackend, type Registry } from "../../../src/store/index.js";
import { apply, plan, readLive } from "../../../src/sync/index.js";

const namespace: KubeObject = { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } };

const configMap = (data: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "settings", namespace: "shop" },
  data,
});

const deployment = (image: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: {
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image }] } },
  },
});

let registry: Registry;

beforeEach(() => {
  registry = createRegistry(new MemoryBackend());
});

afterEach(async () => {
  await registry.close();
});

async function planFor(objects: KubeObject[], options: { prune?: boolean } = {}) {
  const desired = objects.map((object) => ({ object }));
  const live = await readLive(registry, { desired, sourceId: "demo" });
  return plan({ desired, live, sourceId: "demo", prune: options.prune ?? false });
}

describe("apply against the store's registry", () => {
  it("creates everything, and a second plan of the same manifests changes nothing", async () => {
    const objects = [deployment("web:1"), configMap({ a: "1" }), namespace];
    const first = await apply(await planFor(objects), registry);
    expect(first.steps.map((r) => [r.key.kind, r.outcome, r.error])).toEqual([
      ["Namespace", "applied", undefined],
      ["ConfigMap", "applied", undefined],
      ["Deployment", "applied", undefined],
    ]);
    const second = await planFor(objects);
    expect(second.steps.map((s) => [s.key.kind, s.action])).toEqual([
      ["Namespace", "unchanged"],
      ["ConfigMap", "unchanged"],
      ["Deployment", "unchanged"],
    ]);
  });

  it("keeps replicas set by scale while changing the image, then prunes what left the source", async () => {
    await apply(await planFor([namespace, configMap({ a: "1" }), deployment("web:1")]), registry);
    await registry.patch("Deployment", "shop", "web", { spec: { replicas: 4 } }, "merge");
    expect((await planFor([namespace, configMap({ a: "1" }), deployment("web:1")])).summary.patch).toBe(0);

    const result = await apply(await planFor([namespace, deployment("web:2")], { prune: true }), registry);
    expect(result.failed).toBe(0);
    const live = await registry.get("Deployment", "shop", "web");
    expect(live.spec).toMatchObject({
      replicas: 4,
      template: { spec: { containers: [{ name: "web", image: "web:2" }] } },
    });
    await expect(registry.get("ConfigMap", "shop", "settings")).rejects.toMatchObject({ code: "NotFound" });
  });

  it("retries a patch that meets a concurrent write, with the other writer's change kept", async () => {
    await apply(await planFor([namespace, configMap({ a: "1" })]), registry);
    const planned = await planFor([namespace, configMap({ a: "2" })]);
    await registry.patch("ConfigMap", "shop", "settings", { metadata: { labels: { team: "x" } } }, "merge");
    const result = await apply(planned, registry);
    expect(result.steps.find((r) => r.key.kind === "ConfigMap")).toMatchObject({ outcome: "applied", attempts: 2 });
    const live = await registry.get("ConfigMap", "shop", "settings");
    expect(live.data).toEqual({ a: "2" });
    expect(live.metadata.labels).toMatchObject({ team: "x", "slipway.dev/source": "demo" });
  });
});

describe("apply --dry-run against the store's registry", () => {
  it("writes nothing, and does not fail objects meant for a namespace the same plan creates", async () => {
    const planned = await planFor([namespace, configMap({ a: "1" }), deployment("web:1")]);
    const result = await apply(planned, registry, { dryRun: true });
    expect(result.steps.map((r) => [r.key.kind, r.outcome, r.error])).toEqual([
      ["Namespace", "applied", undefined],
      ["ConfigMap", "applied", undefined],
      ["Deployment", "applied", undefined],
    ]);
    await expect(registry.get("Namespace", "", "shop")).rejects.toMatchObject({ code: "NotFound" });
  });
});
