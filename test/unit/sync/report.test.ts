import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import { apply, formatApplyResult, formatStepResult, hasChanges, plan, resourceName } from "../../../src/sync/index.js";
import { FakeClient } from "../../helpers/fake-client.js";

const cm = (name: string, k: string): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "default" },
  data: { k },
});

describe("report", () => {
  it.each([
    [{ kind: "Deployment", namespace: "default", name: "web" }, "deployment.apps/web"],
    [{ kind: "ConfigMap", namespace: "default", name: "settings" }, "configmap/settings"],
    [{ kind: "Namespace", namespace: "", name: "shop" }, "namespace/shop"],
  ])("names %o %s as kubectl does", (key, name) => {
    expect(resourceName(key)).toBe(name);
  });

  it("describes each step's outcome in kubectl's words and counts them", async () => {
    const client = new FakeClient();
    const wrap = (objects: KubeObject[]) => objects.map((object) => ({ object }));
    await apply(plan({ desired: wrap([cm("a", "1"), cm("b", "1"), cm("c", "1")]), live: [], sourceId: "s" }), client);
    const next = plan({
      desired: wrap([cm("a", "2"), cm("b", "1"), cm("d", "1")]),
      live: [...client.objects.values()],
      sourceId: "s",
      prune: true,
    });
    expect(hasChanges(next)).toBe(true);
    const result = await apply(next, client);
    expect(result.steps.map((r) => formatStepResult(r))).toEqual([
      "configmap/a configured",
      "configmap/b unchanged",
      "configmap/d created",
      "configmap/c pruned",
    ]);
    expect(formatApplyResult(result)).toBe("3 applied, 1 unchanged");
    expect(formatStepResult({ ...result.steps[0]!, outcome: "failed", error: "boom" })).toBe(
      "configmap/a failed: boom",
    );
    expect(formatStepResult(result.steps[2]!, { dryRun: true })).toBe("configmap/d created (dry run)");
    const again = plan({ desired: wrap([cm("a", "2")]), live: [...client.objects.values()], sourceId: "s" });
    expect(hasChanges(again)).toBe(false);
  });
});
