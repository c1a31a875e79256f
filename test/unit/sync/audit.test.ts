import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { apply, auditRecord, plan } from "../../../src/sync/index.js";
import { FakeClient } from "../../helpers/fake-client.js";

const secret = (name: string, value: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name, namespace: "default" },
  stringData: { password: value },
});

const times = { startedAt: new Date("2026-01-01T00:00:00Z"), finishedAt: new Date("2026-01-01T00:00:01Z") };

describe("auditRecord", () => {
  it("records what changed at which revision, without any object content", async () => {
    const client = new FakeClient();
    const wrap = (objects: KubeObject[]) => objects.map((object) => ({ object }));
    await apply(plan({ desired: wrap([secret("kept", "same")]), live: [], sourceId: "repo" }), client);
    const planned = plan({
      desired: wrap([secret("kept", "same"), secret("new", "hunter2")]),
      live: [...client.objects.values()],
      sourceId: "repo",
    });
    const result = await apply(planned, client);
    const record = auditRecord({ plan: planned, result, sourceId: "repo", revision: "abc123", ...times });
    expect(record).toMatchObject({
      sourceId: "repo",
      revision: "abc123",
      startedAt: "2026-01-01T00:00:00.000Z",
      outcome: "succeeded",
      summary: { create: 1, unchanged: 1 },
      steps: [{ object: "Secret/default/new", action: "create", outcome: "applied" }],
    });
    const text = JSON.stringify(record);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain(Buffer.from("hunter2").toString("base64"));
  });

  it("marks a refused plan, with its errors and no step run", () => {
    const live: KubeObject = {
      ...secret("x", "a"),
      metadata: { name: "x", namespace: "default", labels: { "slipway.dev/source": "other" } },
    };
    const planned = plan({ desired: [{ object: secret("x", "b") }], live: [live], sourceId: "repo" });
    const record = auditRecord({ plan: planned, sourceId: "repo", revision: "r1", ...times });
    expect(record.outcome).toBe("refused");
    expect(record.errors).toHaveLength(1);
  });

  it("calls a run with failures partial when something was applied", async () => {
    const client = new FakeClient();
    const planned = plan({
      desired: [{ object: secret("a", "1") }, { object: secret("b", "1") }],
      live: [],
      sourceId: "r",
    });
    client.seed(secret("a", "taken"));
    const result = await apply(planned, client);
    const record = auditRecord({ plan: planned, result, sourceId: "r", revision: "r2", ...times });
    expect(record.outcome).toBe("partial");
    expect(record.steps.map((s) => [s.object, s.outcome])).toEqual([
      ["Secret/default/a", "failed"],
      ["Secret/default/b", "applied"],
    ]);
  });
});
