import { describe, expect, it } from "vitest";
import { formatKey } from "../../../src/api/object.js";
import { LAST_APPLIED_ANNOTATION, plan } from "../../../src/sync/index.js";
import { loadPlanFixtures } from "../../helpers/plan-fixtures.js";

const lastAppliedPath = `/metadata/annotations/${LAST_APPLIED_ANNOTATION.replace(/\//g, "~1")}`;

describe("plan, on fixture folders (desired, live with last-applied, expected steps)", () => {
  it.each(loadPlanFixtures().map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
    const result = plan({
      desired: fixture.desired.map((object) => ({ object })),
      live: fixture.live,
      sourceId: fixture.options.sourceId ?? "demo",
      prune: fixture.options.prune ?? false,
      allowEmpty: fixture.options.allowEmpty ?? false,
    });
    const actual = result.steps.map((s) => ({ key: formatKey(s.key), action: s.action }));
    expect(actual).toEqual(fixture.expected.steps.map((s) => ({ key: s.key, action: s.action })));
    fixture.expected.steps.forEach((want, i) => {
      const got = result.steps[i]!;
      if (want.reason !== undefined) expect(got.reason).toContain(want.reason);
      if (want.patch !== undefined) expect(got.patch.filter((op) => op.path !== lastAppliedPath)).toEqual(want.patch);
      if (want.predicted !== undefined) expect(got.predicted).toMatchObject(want.predicted);
    });
    expect(result.errors.map((e) => e.message)).toEqual(
      (fixture.expected.errors ?? []).map((text) => expect.stringContaining(text)),
    );
    expect(result.warnings).toEqual((fixture.expected.warnings ?? []).map((text) => expect.stringContaining(text)));
  });
});
