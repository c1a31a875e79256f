import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSlipway, removeState, startSlipway } from "../helpers/slipway-process.js";

const EXAMPLES = resolve(import.meta.dirname, "../../examples");
const FIXTURES = resolve(import.meta.dirname, "../fixtures/cli");

describe("the CLI against a running slipway up", () => {
  let engine: RunningSlipway;
  let work: string;

  beforeAll(async () => {
    engine = await startSlipway();
    work = await mkdtemp(join(tmpdir(), "slipway-cli-"));
  });

  afterAll(async () => {
    expect(await engine.stop()).toBe(0);
    await removeState(engine.stateDir);
    await rm(work, { recursive: true, force: true });
  });

  it("applies the nginx example and lists it with kubectl's columns", async () => {
    const applied = await engine.cli("apply", "-f", join(EXAMPLES, "nginx"));
    expect(applied.stderr).toContain("2 to create");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("deployment.apps/nginx-deployment created");
    expect(applied.stdout).toContain("service/nginx created");

    const deployments = await engine.cli("get", "deploy");
    expect(deployments.stdout.split("\n")[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(deployments.stdout).toMatch(/nginx-deployment\s+[0-2]\/2\s+[0-2]\s+[0-2]\s+\d+s/);

    const services = await engine.cli("get", "svc", "nginx");
    expect(services.stdout.split("\n")[0]).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE$/);
    expect(services.stdout).toMatch(/nginx\s+ClusterIP\s+\S+\s+<none>\s+8078\/TCP/);
  });

  it("shows no changes and exits 0 when the manifests match what is live", async () => {
    const diff = await engine.cli("diff", "-f", join(EXAMPLES, "nginx"));
    expect(diff.stderr).toContain("no changes");
    expect(diff.stdout).toBe("");
    expect(diff.code).toBe(0);
  });

  it("shows exactly the three-way change after a manifest edit and exits 1", async () => {
    const app = join(work, "nginx");
    await cp(join(EXAMPLES, "nginx"), app, { recursive: true });
    await writeFile(join(app, "namespace.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: edited\n");
    expect((await engine.cli("apply", "-f", app, "--source", "edited", "-n", "edited")).code).toBe(0);
    const file = join(app, "deployment.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("replicas: 2", "replicas: 3"));

    const diff = await engine.cli("diff", "-f", app, "--source", "edited", "-n", "edited");
    expect(diff.code).toBe(1);
    expect(diff.stderr).toContain("1 to patch");
    const changed = diff.stdout.split("\n").filter((l) => /^[-+](?![-+])/.test(l));
    expect(changed).toEqual(["-  replicas: 2", "+  replicas: 3"]);
  });

  it("keeps replicas set by scale when the manifest does not set them", async () => {
    const app = join(work, "scaled");
    await cp(join(EXAMPLES, "nginx"), app, { recursive: true });
    const file = join(app, "deployment.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace(/\n\s*replicas: 2.*\n/, "\n"));
    await writeFile(join(app, "namespace.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: scaled\n");
    expect((await engine.cli("apply", "-f", app, "--source", "scaled", "-n", "scaled")).code).toBe(0);
    expect((await engine.cli("scale", "deploy", "nginx-deployment", "--replicas", "5", "-n", "scaled")).code).toBe(0);

    const diff = await engine.cli("diff", "-f", app, "--source", "scaled", "-n", "scaled");
    expect(diff.code).toBe(0);
    const yaml = await engine.cli("get", "deploy", "nginx-deployment", "-n", "scaled", "-o", "json");
    expect(JSON.parse(yaml.stdout).spec.replicas).toBe(5);
  });

  it("refuses to take over an object another source created", async () => {
    const app = join(work, "takeover");
    await cp(join(EXAMPLES, "nginx"), app, { recursive: true });
    const result = await engine.cli("apply", "-f", app, "--source", "intruder");
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("nothing was applied");
  });

  it("refuses a folder with one invalid manifest, names file:line:field and writes nothing", async () => {
    const result = await engine.cli("apply", "-f", join(FIXTURES, "invalid-mixed"));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("web.yaml:6: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    expect(result.stderr).toContain("nothing was applied");
    const configMaps = await engine.cli("get", "cm", "web-config");
    expect(configMaps.code).toBe(4);
  });

  it("prints machine-readable output for scripts", async () => {
    const json = JSON.parse((await engine.cli("get", "deploy", "-o", "json")).stdout);
    expect(json.kind).toBe("List");
    expect(json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toContain("nginx-deployment");
    const names = await engine.cli("get", "svc", "-o", "name");
    expect(names.stdout.split("\n")).toContain("service/nginx");
  });

  it("labels, selects by label and deletes", async () => {
    expect((await engine.cli("label", "svc", "nginx", "tier=web")).stdout).toContain("service/nginx labeled");
    const selected = await engine.cli("get", "svc", "-l", "tier in (web,db)", "-o", "name");
    expect(selected.stdout.trim()).toBe("service/nginx");
    const refused = await engine.cli("label", "svc", "nginx", "tier=db");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--overwrite");
    expect((await engine.cli("delete", "svc", "nginx")).stdout).toContain("service/nginx deleted");
    expect((await engine.cli("get", "svc", "nginx")).code).toBe(4);
  });

  it("explains an unknown kind and a bad selector", async () => {
    const kind = await engine.cli("get", "widgets");
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('doesn\'t have a resource type "widgets"');
    const selector = await engine.cli("get", "pods", "-l", "app in web");
    expect(selector.code).toBe(3);
  });
});
