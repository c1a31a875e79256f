/**
 * The real kubectl against a real API server over TLS, as a user runs it with the kubeconfig
 * `slipway up` writes. Skipped, with a message, where kubectl is not installed.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../src/api/object.js";
import {
  type ApiServer,
  ensureServingCertificate,
  ensureToken,
  startApiServer,
  writeKubeconfig,
} from "../../src/apiserver/index.js";
import { createRegistry, MemoryBackend, type Registry } from "../../src/store/index.js";

const run = promisify(execFile);
const kubectlPath = (process.env.PATH ?? "")
  .split(delimiter)
  .map((dir) => join(dir, "kubectl"))
  .find((file) => existsSync(file));

function pod(name: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels: { app: name } },
    spec: { containers: [{ name: "app", image: "busybox" }] },
  };
}

describe.skipIf(!kubectlPath)("kubectl against the API server", () => {
  let dir: string;
  let registry: Registry;
  let server: ApiServer;
  let kubeconfig: string;

  const kubectl = async (...args: string[]) => {
    // HOME in the temp dir keeps kubectl's discovery cache out of the user's ~/.kube.
    const { stdout } = await run(kubectlPath!, ["--kubeconfig", kubeconfig, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: dir },
    });
    return stdout;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "slipway-kubectl-"));
    registry = createRegistry(new MemoryBackend());
    const token = await ensureToken(dir);
    const tls = await ensureServingCertificate(dir, ["127.0.0.1"]);
    server = await startApiServer({ client: registry, token, tls, listen: { host: "127.0.0.1", port: 0 } });
    kubeconfig = join(dir, "kubeconfig");
    await writeKubeconfig({ path: kubeconfig, server: server.url, token, ca: tls.cert });
    await registry.create(pod("web"));
    await registry.create(pod("db"));
  });

  afterAll(async () => {
    await server?.close();
    await registry?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("lists pods with `kubectl get pods`", async () => {
    const lines = (await kubectl("get", "pods")).trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(["db", "web"]);
  });

  it("prints the stored objects with `kubectl get pods -o json`", async () => {
    const list = JSON.parse(await kubectl("get", "pods", "-o", "json")) as { items: KubeObject[] };
    const stored = await registry.list("Pod", { namespace: "default" });
    expect(list.items.map((p) => p.metadata.uid).sort()).toEqual(stored.items.map((p) => p.metadata.uid).sort());
  });

  it("lists namespaces with `kubectl get ns`", async () => {
    const names = (await kubectl("get", "ns", "-o", "name")).trim().split("\n");
    expect(names).toContain("namespace/default");
  });

  it("selects with `kubectl get pods -l`", async () => {
    expect((await kubectl("get", "pods", "-l", "app=db", "-o", "name")).trim()).toBe("pod/db");
  });

  it("deletes with `kubectl delete pod`, and the store no longer has it", async () => {
    expect(await kubectl("delete", "pod", "web")).toContain('pod "web" deleted');
    await expect(registry.get("Pod", "default", "web")).rejects.toMatchObject({ code: "NotFound" });
    expect((await kubectl("get", "pods", "-o", "name")).trim()).toBe("pod/db");
  });

  it("creates with `kubectl apply`, then patches on a second apply", async () => {
    const file = join(dir, "cm.yaml");
    const manifest = (value: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: default\ndata:\n  a: "${value}"\n`;
    await writeFile(file, manifest("1"));
    expect(await kubectl("apply", "-f", file)).toContain("configmap/cfg created");
    await writeFile(file, manifest("2"));
    expect(await kubectl("apply", "-f", file)).toContain("configmap/cfg configured");
    expect((await registry.get("ConfigMap", "default", "cfg")).data).toEqual({ a: "2" });
  });

  it("streams changes with `kubectl get pods -w`", async () => {
    const child = spawn(kubectlPath!, ["--kubeconfig", kubeconfig, "get", "pods", "-w", "-o", "name"], {
      env: { PATH: process.env.PATH ?? "", HOME: dir },
    });
    try {
      let output = "";
      const seen = (text: string) =>
        new Promise<void>((resolve, reject) => {
          const check = () => output.includes(text) && resolve();
          child.stdout.on("data", (chunk: Buffer) => {
            output += chunk.toString();
            check();
          });
          child.on("exit", () => reject(new Error(`kubectl exited before printing ${text}: ${output}`)));
          check();
        });
      // The initial list arrives first; the new pod can only arrive through the watch.
      await seen("pod/db");
      await registry.create(pod("watched"));
      await seen("pod/watched");
    } finally {
      child.kill();
    }
  });

  it("scales a Deployment with `kubectl scale`", async () => {
    const labels = { app: "api" };
    await registry.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api", namespace: "default" },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "busybox" }] } },
      },
    });
    expect(await kubectl("scale", "deployment", "api", "--replicas=3")).toContain("deployment.apps/api scaled");
    expect((await registry.get("Deployment", "default", "api")).spec).toMatchObject({ replicas: 3 });
  });

  it("shows workloads with `kubectl get all`", async () => {
    const names = (await kubectl("get", "all", "-o", "name")).trim().split("\n");
    expect(names).toEqual(expect.arrayContaining(["pod/db", "deployment.apps/api"]));
  });

  it("reports a missing object like Kubernetes", async () => {
    const error = await kubectl("get", "pod", "nope").catch((e: { stderr: string }) => e);
    expect(error).toMatchObject({ stderr: expect.stringContaining('pods "nope" not found') });
  });
});

if (!kubectlPath) {
  describe("kubectl against the API server", () => {
    it.skip("needs kubectl on PATH: it is not installed here, so these tests are skipped", () => {});
  });
}
