import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import {
  apply,
  diffName,
  formatSummary,
  LAST_APPLIED_ANNOTATION,
  maskSecret,
  plan,
  renderPlan,
  renderStep,
} from "../../../src/sync/index.js";
import { FakeClient } from "../../helpers/fake-client.js";

const secret = (values: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "db", namespace: "default" },
  data: values,
});

const configMap = (data: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "settings", namespace: "default" },
  data,
});

/** Applies `first`, then plans `second` over the result: the plan a user would see next. */
async function planAfter(first: KubeObject[], second: KubeObject[]) {
  const client = new FakeClient();
  const wrap = (objects: KubeObject[]) => objects.map((object) => ({ object }));
  await apply(plan({ desired: wrap(first), live: [], sourceId: "demo" }), client);
  return plan({ desired: wrap(second), live: [...client.objects.values()], sourceId: "demo" });
}

describe("renderStep", () => {
  it("prints a kubectl-style unified diff of YAML from live to merged, without server bookkeeping", async () => {
    const planned = await planAfter([configMap({ mode: "slow" })], [configMap({ mode: "fast" })]);
    const text = renderStep(planned.steps[0]!);
    expect(text.split("\n").slice(0, 3)).toEqual([
      "diff -u -N /live/v1.ConfigMap.default.settings /merged/v1.ConfigMap.default.settings",
      "--- /live/v1.ConfigMap.default.settings",
      "+++ /merged/v1.ConfigMap.default.settings",
    ]);
    expect(text).toContain("-  mode: slow\n+  mode: fast\n");
    expect(text).not.toMatch(/resourceVersion|uid:|creationTimestamp|generation/);
  });

  it("leaves the last-applied record out, so only the manifest's own change shows", async () => {
    const planned = await planAfter([configMap({ mode: "slow" })], [configMap({ mode: "fast" })]);
    const text = renderStep(planned.steps[0]!);
    expect(text).not.toContain(LAST_APPLIED_ANNOTATION);
    const changed = text.split("\n").filter((l) => /^[-+](?![-+])/.test(l));
    expect(changed).toEqual(["-  mode: slow", "+  mode: fast"]);
  });

  it("never prints Secret values, and still shows which keys changed", async () => {
    const planned = await planAfter(
      [secret({ user: "YWRtaW4=", password: "aHVudGVyMg==" })],
      [secret({ user: "YWRtaW4=", password: "czNjcmV0" })],
    );
    const text = renderPlan(planned);
    for (const value of ["YWRtaW4=", "aHVudGVyMg==", "czNjcmV0"]) expect(text).not.toContain(value);
    expect(text).toContain("-  password: '--------'\n+  password: ++++++++\n");
    expect(text).toMatch(/^ {3}user: '\*{8}'$/m);
  });

  it("colours only when asked", async () => {
    const planned = await planAfter([configMap({ mode: "slow" })], [configMap({ mode: "fast" })]);
    const step = planned.steps[0]!;
    expect(renderStep(step)).not.toContain("\x1b[");
    const coloured = renderStep(step, { color: true });
    expect(coloured).toContain("\x1b[31m-  mode: slow\x1b[0m");
    expect(coloured).toContain("\x1b[32m+  mode: fast\x1b[0m");
    expect(coloured).toContain("\x1b[36m@@ -");
    expect(coloured).toContain("\x1b[1mdiff -u -N");
  });

  it("numbers a new object's diff from an empty file and renders nothing for unchanged objects", async () => {
    const planned = await planAfter([configMap({ a: "1" })], [configMap({ a: "1" }), secret({ k: "dg==" })]);
    const [created, unchanged] = [planned.steps[0]!, planned.steps[1]!];
    expect(created.action).toBe("create");
    expect(renderStep(created)).toMatch(/^@@ -0,0 \+1,\d+ @@$/m);
    expect(unchanged.action).toBe("unchanged");
    expect(renderStep(unchanged)).toBe("");
  });
});

describe("renderPlan and formatSummary", () => {
  it("ends with the summary line", async () => {
    const planned = await planAfter([configMap({ a: "1" })], [configMap({ a: "1" })]);
    expect(renderPlan(planned)).toBe("no changes\n");
  });

  it.each([
    [{ create: 2, patch: 1, delete: 1, unchanged: 4 }, "2 to create, 1 to patch, 1 to delete"],
    [{ create: 0, patch: 3, delete: 0, unchanged: 0 }, "3 to patch"],
    [{ create: 0, patch: 0, delete: 0, unchanged: 7 }, "no changes"],
  ])("summarises %o as %s", (summary, text) => {
    expect(formatSummary(summary)).toBe(text);
  });
});

describe("diffName", () => {
  it.each([
    [{ kind: "Deployment", namespace: "default", name: "web" }, "apps.v1.Deployment.default.web"],
    [{ kind: "Pod", namespace: "shop", name: "p" }, "v1.Pod.shop.p"],
    [{ kind: "Namespace", namespace: "", name: "shop" }, "v1.Namespace..shop"],
  ])("names %o %s", (key, name) => {
    expect(diffName(key)).toBe(name);
  });
});

describe("maskSecret", () => {
  it("masks data, stringData and the values recorded in the last-applied annotation", () => {
    const obj = secret({ password: "aHVudGVyMg==" });
    obj.stringData = { token: "plain" };
    obj.metadata.annotations = {
      [LAST_APPLIED_ANNOTATION]: JSON.stringify({ data: { password: "aHVudGVyMg==" }, stringData: { token: "plain" } }),
    };
    const masked = JSON.stringify(maskSecret(obj));
    expect(masked).not.toContain("aHVudGVyMg==");
    expect(masked).not.toContain("plain");
    expect(obj.data).toEqual({ password: "aHVudGVyMg==" });
  });

  it("leaves other kinds alone", () => {
    const obj = configMap({ a: "1" });
    expect(maskSecret(obj)).toEqual(configMap({ a: "1" }));
  });
});
