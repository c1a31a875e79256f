import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSlipway, removeState, startSlipway } from "../helpers/slipway-process.js";

const configMap = (name: string, value: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: ${value}\n`;
const secret = (value: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${value}\n`;

describe("apply over time: dry runs, secrets, pruning, restarts", () => {
  let engine: RunningSlipway;
  let app: string;

  beforeAll(async () => {
    engine = await startSlipway();
    app = await mkdtemp(join(tmpdir(), "slipway-app-"));
    await writeFile(join(app, "a.yaml"), configMap("a", "one"));
    await writeFile(join(app, "b.yaml"), configMap("b", "two"));
    await writeFile(join(app, "secret.yaml"), secret("hunter2"));
  });

  afterAll(async () => {
    await engine.stop();
    await removeState(engine.stateDir);
    await rm(app, { recursive: true, force: true });
  });

  it("writes nothing on --dry-run", async () => {
    const dry = await engine.cli("apply", "-f", app, "--source", "app", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("configmap/a created (dry run)");
    expect((await engine.cli("get", "cm", "a")).code).toBe(4);
  });

  it("applies, then never prints secret values in a diff", async () => {
    expect((await engine.cli("apply", "-f", app, "--source", "app")).code).toBe(0);
    await writeFile(join(app, "secret.yaml"), secret("correct-horse"));
    const diff = await engine.cli("diff", "-f", app, "--source", "app");
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain("Secret");
    for (const plain of ["hunter2", "correct-horse", "aHVudGVyMg", "Y29ycmVjdC1ob3Jz"]) {
      expect(diff.stdout).not.toContain(plain);
    }
  });

  it("prunes an object whose file was deleted only with --prune", async () => {
    await rm(join(app, "b.yaml"));
    const withoutPrune = await engine.cli("diff", "-f", app, "--source", "app");
    expect(withoutPrune.stderr).not.toMatch(/\d+ to delete/);
    expect(withoutPrune.stderr).toContain("1 object(s) left the source and are kept");
    const applied = await engine.cli("apply", "-f", app, "--source", "app", "--prune");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("configmap/b pruned");
    expect((await engine.cli("get", "cm", "b")).code).toBe(4);
    expect((await engine.cli("get", "cm", "a")).code).toBe(0);
  });

  it("never prunes what it did not create", async () => {
    const other = await mkdtemp(join(tmpdir(), "slipway-other-"));
    await writeFile(join(other, "c.yaml"), configMap("c", "three"));
    expect((await engine.cli("apply", "-f", other, "--source", "other")).code).toBe(0);
    const applied = await engine.cli("apply", "-f", app, "--source", "app", "--prune");
    expect(applied.stdout).not.toContain("configmap/c");
    expect((await engine.cli("get", "cm", "c")).code).toBe(0);
    await rm(other, { recursive: true, force: true });
  });

  it("prunes nothing when the source became empty, unless allowed", async () => {
    const empty = await mkdtemp(join(tmpdir(), "slipway-empty-"));
    const refused = await engine.cli("apply", "-f", empty, "--source", "app", "--prune");
    expect(refused.stdout).not.toContain("pruned");
    expect((await engine.cli("get", "cm", "a")).code).toBe(0);
    const allowed = await engine.cli("apply", "-f", empty, "--source", "app", "--prune", "--allow-empty");
    expect(allowed.stdout).toContain("configmap/a pruned");
    await rm(empty, { recursive: true, force: true });
  });

  it("refuses a nodePort another service holds, with the reason, writing nothing", async () => {
    const nodePort = (name: string) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  selector:\n    app: ${name}\n` +
      "  ports:\n    - port: 80\n      nodePort: 30080\n";
    const first = await mkdtemp(join(tmpdir(), "slipway-np1-"));
    const second = await mkdtemp(join(tmpdir(), "slipway-np2-"));
    await writeFile(join(first, "svc.yaml"), nodePort("front"));
    await writeFile(join(second, "svc.yaml"), nodePort("back"));
    await writeFile(join(second, "config.yaml"), configMap("back-config", "x"));
    expect((await engine.cli("apply", "-f", first, "--source", "np1")).code).toBe(0);
    const refused = await engine.cli("apply", "-f", second, "--source", "np2");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated",
    );
    expect(refused.stderr).toContain("nothing was applied");
    expect((await engine.cli("get", "cm", "back-config")).code).toBe(4);
    expect((await engine.cli("get", "svc", "back")).code).toBe(4);
    const services = await engine.cli("get", "svc", "front");
    expect(services.stdout).toMatch(/front\s+NodePort\s+10\.43\.\d+\.\d+\s+<none>\s+80:30080\/TCP/);
    await rm(first, { recursive: true, force: true });
    await rm(second, { recursive: true, force: true });
  });

  it("keeps every object across a restart of up, and refuses a second up on the same state", async () => {
    await writeFile(join(app, "d.yaml"), configMap("d", "four"));
    expect((await engine.cli("apply", "-f", app, "--source", "app")).code).toBe(0);
    const second = await startSlipway({ stateDir: engine.stateDir }).then(
      () => "started",
      (error: Error) => error.message,
    );
    expect(second).toContain("another slipway up");

    expect(await engine.stop()).toBe(0);
    engine = await startSlipway({ stateDir: engine.stateDir });
    const got = await engine.cli("get", "cm", "d", "-o", "json");
    expect(JSON.parse(got.stdout).data).toEqual({ key: "four" });
  });
});
