/**
 * Loads planner fixture folders: test/fixtures/plan/<case>/{desired,live,expected}.yaml and an
 * optional options.yaml ({ prune, allowEmpty, sourceId }).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load, loadAll } from "js-yaml";
import type { KubeObject } from "../../src/api/object.js";

export const PLAN_FIXTURES = join(import.meta.dirname, "..", "fixtures", "plan");

export interface ExpectedStep {
  key: string;
  action: string;
  reason?: string;
  /** RFC 6902 operations, the last-applied annotation's own operation left out. */
  patch?: unknown[];
  /** A partial object the predicted object must match (arrays element by element). */
  predicted?: Record<string, unknown>;
}

export interface PlanFixture {
  name: string;
  desired: KubeObject[];
  live: KubeObject[];
  options: { prune?: boolean; allowEmpty?: boolean; sourceId?: string };
  expected: { steps: ExpectedStep[]; errors?: string[]; warnings?: string[] };
}

function docs(path: string): KubeObject[] {
  if (!existsSync(path)) return [];
  return loadAll(readFileSync(path, "utf8")).filter((d) => d !== null && d !== undefined) as KubeObject[];
}

export function loadPlanFixtures(): PlanFixture[] {
  return readdirSync(PLAN_FIXTURES)
    .sort()
    .map((name) => {
      const dir = join(PLAN_FIXTURES, name);
      const optionsPath = join(dir, "options.yaml");
      return {
        name,
        desired: docs(join(dir, "desired.yaml")),
        live: docs(join(dir, "live.yaml")),
        options: existsSync(optionsPath) ? (load(readFileSync(optionsPath, "utf8")) as PlanFixture["options"]) : {},
        expected: load(readFileSync(join(dir, "expected.yaml"), "utf8")) as PlanFixture["expected"],
      };
    });
}
