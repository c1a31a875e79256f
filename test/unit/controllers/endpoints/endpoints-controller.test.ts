import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../../src/api/errors.js";
import type { KubeObject } from "../../../../src/api/object.js";
import type { Pod } from "../../../../src/api/types/pod.js";
import type { EndpointSubset, Endpoints, ServiceSpec } from "../../../../src/api/types/service.js";
import { startEndpointsController } from "../../../../src/controllers/endpoints/index.js";
import { startGarbageCollector } from "../../../../src/controllers/gc/index.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { eventually } from "../replication/fixtures.js";

let client: Registry;
let abort: AbortController;
let running: Promise<unknown>;
const logs: string[] = [];

beforeEach(() => {
  client = createRegistry(new MemoryBackend());
  abort = new AbortController();
  const log = (line: string) => void logs.push(line);
  running = Promise.all([
    startEndpointsController({ client, signal: abort.signal, log }),
    startGarbageCollector({ client, signal: abort.signal, log }),
  ]);
});

afterEach(async () => {
  abort.abort();
  await running;
  await client.close();
  logs.length = 0;
});

function service(name: string, spec: ServiceSpec): KubeObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec };
}

interface PodOptions {
  labels?: Record<string, string>;
  ip?: string;
  ready?: boolean;
  node?: string;
  ports?: { name: string; containerPort: number }[];
}

/** Creates a pod and posts the status a kubelet would. */
async function runPod(name: string, { labels = { app: "web" }, ip, ready = true, node = "n1", ports }: PodOptions) {
  const created = (await client.create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", labels },
    spec: { nodeName: node, containers: [{ name: "c", image: "i", ...(ports ? { ports } : {}) }] },
  })) as Pod;
  return setStatus(created, ip, ready);
}

async function setStatus(pod: Pod, ip: string | undefined, ready: boolean): Promise<Pod> {
  const next = structuredClone(pod);
  next.status = {
    phase: "Running",
    ...(ip ? { podIP: ip } : {}),
    conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
  };
  return (await client.updateStatus(next)) as Pod;
}

async function endpoints(name: string): Promise<Endpoints | undefined> {
  try {
    return (await client.get("Endpoints", "default", name)) as Endpoints;
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return undefined;
    throw error;
  }
}

const ips = (subsets: EndpointSubset[] | undefined, field: "addresses" | "notReadyAddresses") =>
  (subsets ?? []).flatMap((s) => (s[field] ?? []).map((a) => a.ip));

async function until(name: string, check: (ep: Endpoints | undefined) => boolean, what: string) {
  await eventually(async () => check(await endpoints(name)), what);
}

describe("the endpoints controller", () => {
  it("keeps an Endpoints object owned by its Service, following readiness flips", async () => {
    const svc = await client.create(
      service("web", { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] }),
    );
    await until("web", (ep) => ep !== undefined, "an empty Endpoints object");
    const ep = await endpoints("web");
    expect(ep?.subsets).toBeUndefined();
    expect(ep?.metadata.ownerReferences).toEqual([
      {
        apiVersion: "v1",
        kind: "Service",
        name: "web",
        uid: svc.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);

    const a = await runPod("a", { ip: "10.1.0.1", node: "n1" });
    await runPod("b", { ip: "10.1.0.2", ready: false, node: "n2" });
    await runPod("other", { labels: { app: "db" }, ip: "10.1.0.9" });
    await until("web", (e) => ips(e?.subsets, "notReadyAddresses").length === 1, "a not-ready address");
    const filled = await endpoints("web");
    expect(filled?.subsets).toEqual([
      {
        addresses: [
          {
            ip: "10.1.0.1",
            nodeName: "n1",
            targetRef: { kind: "Pod", namespace: "default", name: "a", uid: a.metadata.uid },
          },
        ],
        notReadyAddresses: [expect.objectContaining({ ip: "10.1.0.2", nodeName: "n2" })],
        ports: [{ port: 8080, protocol: "TCP" }],
      },
    ]);

    await setStatus(a, "10.1.0.1", false);
    await until("web", (e) => ips(e?.subsets, "addresses").length === 0, "a's address to become not ready");
    expect(ips((await endpoints("web"))?.subsets, "notReadyAddresses")).toEqual(["10.1.0.1", "10.1.0.2"]);
  });

  it("resolves a named target port per pod, splitting pods with different numbers into subsets", async () => {
    await client.create(
      service("web", { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "web" }] }),
    );
    await runPod("a", { ip: "10.1.0.1", ports: [{ name: "web", containerPort: 8080 }] });
    await runPod("b", { ip: "10.1.0.2", ports: [{ name: "web", containerPort: 9090 }] });
    await runPod("c", { ip: "10.1.0.3" });
    await until("web", (e) => (e?.subsets ?? []).length === 2, "two subsets");
    const subsets = (await endpoints("web"))?.subsets ?? [];
    expect(subsets.map((s) => [ips([s], "addresses"), s.ports?.[0]?.port])).toEqual([
      [["10.1.0.1"], 8080],
      [["10.1.0.2"], 9090],
    ]);
  });

  it("drops a pod once it is being deleted or gone, and picks up a replacement on another node", async () => {
    await client.create(service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    await runPod("a", { ip: "10.1.0.1" });
    await runPod("b", { ip: "10.1.0.2" });
    await until("web", (e) => ips(e?.subsets, "addresses").length === 2, "two addresses");
    await client.delete("Pod", "default", "a");
    await until("web", (e) => ips(e?.subsets, "addresses").join() === "10.1.0.2", "a to leave");
    await runPod("a2", { ip: "10.1.0.7", node: "n3" });
    await until("web", (e) => ips(e?.subsets, "addresses").join() === "10.1.0.2,10.1.0.7", "a2 to join");
    expect((await endpoints("web"))?.subsets?.[0]?.addresses?.[1]?.nodeName).toBe("n3");
  });

  it("excludes a pod marked for deletion while it still exists", async () => {
    await client.create(service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    const pod = await runPod("a", { ip: "10.1.0.1" });
    const held = structuredClone(pod);
    held.metadata.finalizers = ["test/hold"];
    await client.update(held);
    await until("web", (e) => ips(e?.subsets, "addresses").length === 1, "the address");
    await client.delete("Pod", "default", "a");
    await until("web", (e) => e !== undefined && e.subsets === undefined, "the address to go");
    const marked = await client.get("Pod", "default", "a");
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    await client.update({ ...marked, metadata: { ...marked.metadata, finalizers: [] } });
  });

  it("follows a selector change and a pod's relabelling", async () => {
    await client.create(service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    await runPod("a", { ip: "10.1.0.1" });
    await runPod("b", { labels: { app: "db" }, ip: "10.1.0.2" });
    await until("web", (e) => ips(e?.subsets, "addresses").join() === "10.1.0.1", "a only");
    await client.patch("Service", "default", "web", { spec: { selector: { app: "db" } } }, "merge");
    await until("web", (e) => ips(e?.subsets, "addresses").join() === "10.1.0.2", "b only");
    await client.patch("Pod", "default", "b", { metadata: { labels: { app: "web" } } }, "merge");
    await until("web", (e) => e !== undefined && e.subsets === undefined, "no pod selected");
  });

  it("leaves hand-written Endpoints of a selectorless Service untouched", async () => {
    const manual: Endpoints = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "external", namespace: "default" },
      subsets: [{ addresses: [{ ip: "192.0.2.10" }], ports: [{ port: 5432, protocol: "TCP" }] }],
    };
    const written = await client.create(manual);
    await client.create(service("external", { ports: [{ port: 5432 }] }));
    // A selector Service created after it proves the controller has seen everything before it.
    await client.create(service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    await runPod("a", { ip: "10.1.0.1" });
    await until("web", (e) => ips(e?.subsets, "addresses").length === 1, "the web endpoints");
    const after = await endpoints("external");
    expect(after?.metadata.resourceVersion).toBe(written.metadata.resourceVersion);
    await client.delete("Service", "default", "external");
    await client.delete("Service", "default", "web");
    await until("web", (e) => e === undefined, "web's Endpoints to go with the Service");
    expect((await endpoints("external"))?.subsets).toEqual(manual.subsets);
  });

  it("copies the Service's labels and marks the Endpoints of a headless Service", async () => {
    const headless = service("db", { clusterIP: "None", selector: { app: "db" }, ports: [{ port: 5432 }] });
    headless.metadata.labels = { tier: "data" };
    await client.create(headless);
    await runPod("db-0", { labels: { app: "db" }, ip: "10.1.0.5" });
    await until("db", (e) => ips(e?.subsets, "addresses").length === 1, "the db address");
    expect((await endpoints("db"))?.metadata.labels).toEqual({ tier: "data", "service.kubernetes.io/headless": "" });
    await client.patch("Service", "default", "db", { metadata: { labels: { tier: "store" } } }, "merge");
    await until("db", (e) => e?.metadata.labels?.tier === "store", "the new label");
  });

  it("puts back an Endpoints object someone deleted or edited", async () => {
    await client.create(service("web", { selector: { app: "web" }, ports: [{ port: 80 }] }));
    await runPod("a", { ip: "10.1.0.1" });
    await until("web", (e) => ips(e?.subsets, "addresses").length === 1, "the address");
    await client.patch(
      "Endpoints",
      "default",
      "web",
      { subsets: [{ addresses: [{ ip: "6.6.6.6" }], ports: [{ port: 1 }] }] },
      "merge",
    );
    await until("web", (e) => ips(e?.subsets, "addresses").join() === "10.1.0.1", "the edit undone");
    await client.delete("Endpoints", "default", "web");
    await until("web", (e) => ips(e?.subsets, "addresses").join() === "10.1.0.1", "the object recreated");
  });
});
