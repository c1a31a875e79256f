import { describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../src/api/errors.js";
import type { KubeObject } from "../../../src/api/object.js";
import { apply, plan, type StepResult } from "../../../src/sync/index.js";
import { FakeClient } from "../../helpers/fake-client.js";

const configMap = (name: string, data: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data,
});

const deployment = (image: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: {
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image }] } },
  },
});

function planFor(client: FakeClient, objects: KubeObject[], options: { prune?: boolean; sourceId?: string } = {}) {
  return plan({
    desired: objects.map((object) => ({ object })),
    live: [...client.objects.values()],
    sourceId: options.sourceId ?? "demo",
    prune: options.prune ?? false,
  });
}

async function applied(client: FakeClient, objects: KubeObject[]) {
  return apply(planFor(client, objects), client);
}

describe("apply", () => {
  it("creates, patches and deletes through the client and records a result per step", async () => {
    const client = new FakeClient();
    await applied(client, [configMap("a", { k: "1" }), configMap("b", { k: "1" })]);
    const result = await apply(
      planFor(client, [configMap("a", { k: "2" }), deployment("web:1")], { prune: true }),
      client,
    );
    expect(result.steps.map((r) => [r.key.kind, r.key.name, r.action, r.outcome])).toEqual([
      ["ConfigMap", "a", "patch", "applied"],
      ["Deployment", "web", "create", "applied"],
      ["ConfigMap", "b", "delete", "applied"],
    ]);
    expect({ applied: result.applied, failed: result.failed, skipped: result.skipped }).toEqual({
      applied: 3,
      failed: 0,
      skipped: 0,
    });
    expect(client.peek("ConfigMap", "default", "a")?.data).toEqual({ k: "2" });
    expect(client.peek("ConfigMap", "default", "b")).toBeUndefined();
    expect(client.peek("Deployment", "default", "web")?.metadata.labels).toMatchObject({
      "slipway.dev/source": "demo",
    });
  });

  it("leaves nothing to do when the same manifests are planned again after applying", async () => {
    const client = new FakeClient();
    const objects = [configMap("a", { k: "1" }), deployment("web:1")];
    await applied(client, objects);
    const again = planFor(client, objects);
    expect(again.steps.map((s) => s.action)).toEqual(["unchanged", "unchanged"]);
  });

  it("sends the three-way strategic patch with the planned resourceVersion as precondition", async () => {
    const client = new FakeClient();
    await applied(client, [deployment("web:1")]);
    const planned = planFor(client, [deployment("web:2")]);
    await apply(planned, client);
    const patch = client.calls.find((c) => c.verb === "patch");
    expect(patch?.body).toMatchObject({
      metadata: { resourceVersion: planned.steps[0]?.live?.metadata.resourceVersion },
      spec: { template: { spec: { containers: [{ name: "web", image: "web:2" }] } } },
    });
  });

  it("refuses a plan with errors and writes nothing", async () => {
    const client = new FakeClient([
      {
        ...configMap("shared", { k: "1" }),
        metadata: { name: "shared", namespace: "default", labels: { "slipway.dev/source": "other" } },
      },
    ]);
    const planned = planFor(client, [configMap("shared", { k: "2" }), configMap("mine", { k: "1" })]);
    const error = await apply(planned, client).catch((e: unknown) => e);
    expect(isSlipwayError(error, "Invalid")).toBe(true);
    expect(client.calls.filter((c) => c.verb !== "get")).toEqual([]);
  });

  it("re-reads the object after a conflict, recomputes the patch and keeps the other writer's change", async () => {
    const client = new FakeClient();
    await applied(client, [deployment("web:1")]);
    const planned = planFor(client, [deployment("web:2")]);
    client.beforePatch = (c) => {
      const current = c.peek("Deployment", "default", "web")!;
      current.metadata.labels = { ...current.metadata.labels, "scaled-by": "hpa" };
      (current.spec as Record<string, unknown>).replicas = 4;
      c.seed(current);
    };
    const result = await apply(planned, client);
    expect(result.steps[0]).toMatchObject({ outcome: "applied", attempts: 2 });
    const live = client.peek("Deployment", "default", "web")!;
    expect(live.metadata.labels).toMatchObject({ "scaled-by": "hpa" });
    expect(live.spec).toMatchObject({ replicas: 4, template: { spec: { containers: [{ image: "web:2" }] } } });
  });

  it("gives up after the bounded number of conflict retries and reports the step as failed", async () => {
    const client = new FakeClient();
    await applied(client, [configMap("a", { k: "1" })]);
    const planned = planFor(client, [configMap("a", { k: "2" })]);
    const interfere = (c: FakeClient) => {
      c.seed(c.peek("ConfigMap", "default", "a")!);
      c.beforePatch = interfere;
    };
    client.beforePatch = interfere;
    const result = await apply(planned, client, { maxConflictRetries: 2 });
    expect(result.steps[0]).toMatchObject({ outcome: "failed", error: expect.stringContaining("modified") });
    expect(client.calls.filter((c) => c.verb === "patch")).toHaveLength(3);
  });

  it("records a failed step and goes on with the next ones", async () => {
    const client = new FakeClient();
    const planned = planFor(client, [configMap("a", { k: "1" }), configMap("b", { k: "1" })]);
    client.seed(configMap("a", { k: "someone else's" }));
    const result = await apply(planned, client);
    expect(result.steps.map((r) => r.outcome)).toEqual(["failed", "applied"]);
    expect(result.steps[0]?.error).toContain("already exists");
  });

  it("does not delete an object that was recreated after the plan was made", async () => {
    const client = new FakeClient();
    await applied(client, [configMap("a", { k: "1" })]);
    const planned = planFor(client, [configMap("b", { k: "1" })], { prune: true });
    const recreated = client.peek("ConfigMap", "default", "a")!;
    recreated.metadata.uid = "a-new-uid";
    client.seed(recreated);
    const result = await apply(planned, client);
    const deletion = result.steps.find((r) => r.action === "delete");
    expect(deletion).toMatchObject({ outcome: "failed", error: expect.stringContaining("recreated") });
    expect(client.peek("ConfigMap", "default", "a")).toBeDefined();
  });

  it("writes nothing in dry-run mode but still reports what would be applied", async () => {
    const client = new FakeClient();
    await applied(client, [configMap("old", { k: "1" }), configMap("a", { k: "1" })]);
    const before = structuredClone([...client.objects.entries()]);
    const planned = planFor(client, [configMap("a", { k: "2" }), configMap("new", { k: "1" })], { prune: true });
    const result = await apply(planned, client, { dryRun: true });
    expect(result.steps.map((r) => r.outcome)).toEqual(["applied", "applied", "applied"]);
    expect([...client.objects.entries()]).toEqual(before);
  });

  it("reports each step to onStep, in plan order when run one at a time, and skips unchanged objects", async () => {
    const client = new FakeClient();
    await applied(client, [configMap("a", { k: "1" })]);
    const seen: StepResult[] = [];
    await apply(planFor(client, [configMap("a", { k: "1" }), configMap("b", { k: "1" })]), client, {
      onStep: (r) => seen.push(r),
      concurrency: 1,
    });
    expect(seen.map((r) => [r.key.name, r.outcome])).toEqual([
      ["a", "skipped"],
      ["b", "applied"],
    ]);
  });
});

/** Namespaces take a few event-loop turns to create: a later kind starting early would show. */
class SlowNamespaceClient extends FakeClient {
  readonly events: string[] = [];
  override async create(obj: KubeObject, options = {}): Promise<KubeObject> {
    this.events.push(`start ${obj.kind}/${obj.metadata.name}`);
    if (obj.kind === "Namespace") for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    const created = await super.create(obj, options);
    this.events.push(`end ${obj.kind}/${obj.metadata.name}`);
    return created;
  }
}

describe("apply ordering", () => {
  it("finishes every write of one kind before starting the next kind, and runs a kind's writes together", async () => {
    const client = new SlowNamespaceClient();
    const objects = [
      ...["a", "b"].map((n) => configMap(n, { k: "1" })),
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "one" } },
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "two" } },
    ];
    await apply(planFor(client, objects), client, { concurrency: 8 });
    expect(client.events).toEqual([
      "start Namespace/one",
      "start Namespace/two",
      "end Namespace/one",
      "end Namespace/two",
      "start ConfigMap/a",
      "start ConfigMap/b",
      "end ConfigMap/a",
      "end ConfigMap/b",
    ]);
  });

  it("deletes after every create and patch, in reverse kind order", async () => {
    const client = new FakeClient();
    await applied(client, [configMap("old", { k: "1" }), deployment("web:1")]);
    client.calls.length = 0;
    await apply(planFor(client, [configMap("new", { k: "1" })], { prune: true }), client);
    expect(client.calls.map((c) => `${c.verb} ${c.kind}/${c.name}`)).toEqual([
      "create ConfigMap/new",
      "delete Deployment/web",
      "delete ConfigMap/old",
    ]);
  });
});
