import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/api/object.js";
import type { Service, ServiceSpec } from "../../../src/api/types/service.js";
import { MemoryBackend } from "../../../src/store/memory-backend.js";
import { createRegistry, type Registry, type RegistryOptions } from "../../../src/store/registry.js";
import { ServiceAllocator } from "../../../src/store/service-allocation.js";
import { openSqliteBackend } from "../../../src/store/sqlite-backend.js";
import { apply, plan, readLive } from "../../../src/sync/index.js";
import { rejection } from "../../helpers/store-objects.js";
import { TempDirs } from "../../helpers/store-temp.js";

function newService(name: string, spec: ServiceSpec = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
  };
}

function specOf(obj: KubeObject): ServiceSpec {
  return (obj as Service).spec ?? {};
}

function registry(options: RegistryOptions = {}) {
  const backend = new MemoryBackend();
  return { backend, client: createRegistry(backend, options) };
}

describe("cluster IP allocation", () => {
  it("allocates a cluster IP from the default 10.43.0.0/16 range and reports it in clusterIPs", async () => {
    const { client } = registry();
    const svc = specOf(await client.create(newService("web")));
    expect(svc.clusterIP).toMatch(/^10\.43\.\d+\.\d+$/);
    expect(svc.clusterIP).not.toBe("10.43.0.0");
    expect(svc.clusterIPs).toEqual([svc.clusterIP]);
    expect(specOf(await client.get("Service", "default", "web")).clusterIP).toBe(svc.clusterIP);
  });

  it("fills a range exactly and then refuses with range is full", async () => {
    const { client } = registry({ serviceClusterIpRange: "10.0.0.0/29" });
    const ips = [];
    for (let i = 0; i < 6; i++) ips.push(specOf(await client.create(newService(`s${i}`))).clusterIP);
    expect(new Set(ips).size).toBe(6);
    expect([...ips].sort()).toEqual(["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"]);
    const error = await rejection(client.create(newService("s6")));
    expect(error.code).toBe("Internal");
    expect(error.message).toBe("Internal error occurred: failed to allocate a serviceIP: range is full");
    await expect(client.get("Service", "default", "s6")).rejects.toThrow(/not found/);
  });

  it("never hands out the same IP to concurrent creates", async () => {
    const { client } = registry({ serviceClusterIpRange: "10.0.0.0/26" });
    const created = await Promise.all(Array.from({ length: 62 }, (_, i) => client.create(newService(`s${i}`))));
    const ips = created.map((s) => specOf(s).clusterIP);
    expect(new Set(ips).size).toBe(62);
    await expect(client.create(newService("one-too-many"))).rejects.toThrow(/range is full/);
  });

  it("honours a requested cluster IP and refuses it while another Service holds it", async () => {
    const { client } = registry();
    const first = await client.create(newService("a", { clusterIP: "10.43.7.7" }));
    expect(specOf(first).clusterIP).toBe("10.43.7.7");
    const error = await rejection(client.create(newService("b", { clusterIP: "10.43.7.7" })));
    expect(error.code).toBe("Invalid");
    expect(error.message).toBe(
      'Service "b" is invalid: spec.clusterIP: Invalid value: "10.43.7.7": provided IP is already allocated',
    );
  });

  it("refuses a requested cluster IP outside the range, naming the range", async () => {
    const { client } = registry();
    const error = await rejection(client.create(newService("a", { clusterIP: "192.168.1.1" })));
    expect(error.code).toBe("Invalid");
    expect(error.message).toContain(
      'spec.clusterIP: Invalid value: "192.168.1.1": provided IP is not in the valid range. The range of valid IPs is 10.43.0.0/16',
    );
    await expect(client.create(newService("b", { clusterIP: "10.43.255.255" }))).rejects.toThrow(/not in the valid/);
  });

  it("keeps an IP taken until its Service is deleted, then gives it out again", async () => {
    const { client } = registry({ serviceClusterIpRange: "10.0.0.0/30" });
    const a = specOf(await client.create(newService("a"))).clusterIP;
    const b = specOf(await client.create(newService("b"))).clusterIP;
    expect(new Set([a, b]).size).toBe(2);
    await expect(client.create(newService("c"))).rejects.toThrow(/range is full/);
    await client.delete("Service", "default", "a");
    expect(specOf(await client.create(newService("c"))).clusterIP).toBe(a);
  });

  it("allocates nothing for a headless Service", async () => {
    const { client } = registry({ serviceClusterIpRange: "10.0.0.0/30" });
    const headless = await client.create(newService("h", { clusterIP: "None" }));
    expect(specOf(headless).clusterIP).toBe("None");
    expect(specOf(headless).clusterIPs).toEqual(["None"]);
    await client.create(newService("a"));
    await client.create(newService("b"));
    await client.delete("Service", "default", "h");
    await expect(client.create(newService("c"))).rejects.toThrow(/range is full/);
  });

  it("writes no claim for a dry run and still refuses a taken IP in one", async () => {
    const { client, backend } = registry();
    await client.create(newService("a", { clusterIP: "10.43.0.9" }));
    const dry = await client.create(newService("b"), { dryRun: true });
    expect(specOf(dry).clusterIP).toBeUndefined();
    expect((await backend.range("/registry/ranges/serviceips/")).kvs).toHaveLength(1);
    await expect(client.create(newService("c", { clusterIP: "10.43.0.9" }), { dryRun: true })).rejects.toThrow(
      /provided IP is already allocated/,
    );
  });

  it("releases the claim of a create that failed because the name exists", async () => {
    const { client, backend } = registry();
    await client.create(newService("a"));
    await expect(client.create(newService("a", { clusterIP: "10.43.1.1" }))).rejects.toThrow(/already exists/);
    await client.create(newService("b", { clusterIP: "10.43.1.1" }));
    expect((await backend.range("/registry/ranges/serviceips/")).kvs).toHaveLength(2);
  });
});

describe("updates keep allocated values", () => {
  it("keeps the cluster IP and node ports when a replacement leaves them out", async () => {
    const { client } = registry();
    const created = await client.create(newService("web", { type: "NodePort" }));
    const { clusterIP, ports } = specOf(created);
    const replacement = newService("web", { type: "NodePort", ports: [{ port: 80 }] });
    replacement.metadata.labels = { tier: "front" };
    const updated = await client.update(replacement);
    expect(specOf(updated).clusterIP).toBe(clusterIP);
    expect(specOf(updated).ports?.[0]?.nodePort).toBe(ports?.[0]?.nodePort);
    expect(updated.metadata.labels).toEqual({ tier: "front" });
  });

  it("treats a merge patch that does not mention allocated values as a no-op on them", async () => {
    const { client } = registry();
    const created = await client.create(newService("web"));
    const patched = await client.patch("Service", "default", "web", { metadata: { labels: { a: "b" } } }, "merge");
    expect(specOf(patched).clusterIP).toBe(specOf(created).clusterIP);
  });

  it("refuses to change an allocated cluster IP", async () => {
    const { client } = registry();
    await client.create(newService("web", { clusterIP: "10.43.0.10" }));
    await expect(client.update(newService("web", { clusterIP: "10.43.0.11" }))).rejects.toThrow(
      /spec.clusterIP: Invalid value: "10.43.0.11": field is immutable/,
    );
  });
});

describe("node port allocation", () => {
  it("allocates a node port from 30000-32767 for NodePort and LoadBalancer Services only", async () => {
    const { client } = registry();
    const nodePort = specOf(await client.create(newService("np", { type: "NodePort" }))).ports?.[0]?.nodePort;
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
    const lb = specOf(await client.create(newService("lb", { type: "LoadBalancer" })));
    expect(lb.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    expect(specOf(await client.create(newService("ip"))).ports?.[0]?.nodePort).toBeUndefined();
  });

  it("honours a requested node port and refuses it for a second Service, naming the port's field", async () => {
    const { client } = registry();
    const ports = [{ name: "http", port: 80, nodePort: 30001 }];
    await client.create(newService("frontend", { type: "NodePort", ports }));
    const other = newService("other", {
      type: "NodePort",
      ports: [
        { name: "a", port: 81 },
        { name: "b", port: 82, nodePort: 30001 },
      ],
    });
    const error = await rejection(client.create(other));
    expect(error.code).toBe("Invalid");
    expect(error.message).toBe(
      'Service "other" is invalid: spec.ports[1].nodePort: Invalid value: 30001: provided port is already allocated',
    );
    await expect(client.get("Service", "default", "other")).rejects.toThrow(/not found/);
    // The first port's automatic claim was rolled back with the refused create.
    const narrow = registry({ serviceNodePortRange: "30000-30001" });
    await narrow.client.create(newService("x", { type: "NodePort", ports: [{ port: 80, nodePort: 30001 }] }));
    await expect(narrow.client.create(other)).rejects.toThrow(/already allocated/);
    expect(specOf(await narrow.client.create(newService("y", { type: "NodePort" }))).ports?.[0]?.nodePort).toBe(30000);
  });

  it("exhausts a node port range and refuses the next one", async () => {
    const { client } = registry({ serviceNodePortRange: "30000-30002" });
    const two = [
      { name: "a", port: 80 },
      { name: "b", port: 81 },
    ];
    await client.create(newService("a", { type: "NodePort", ports: two }));
    await client.create(newService("b", { type: "NodePort" }));
    const error = await rejection(client.create(newService("c", { type: "NodePort" })));
    expect(error.message).toBe("Internal error occurred: failed to allocate a nodePort: range is full");
  });

  it("never hands out the same node port to concurrent creates", async () => {
    const { client } = registry({ serviceNodePortRange: "30000-30039" });
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) => client.create(newService(`s${i}`, { type: "NodePort" }))),
    );
    expect(new Set(created.map((s) => specOf(s).ports?.[0]?.nodePort)).size).toBe(40);
  });

  it("releases node ports when the type goes back to ClusterIP and allocates again when it returns", async () => {
    const { client } = registry({ serviceNodePortRange: "30000-30000" });
    await client.create(newService("web", { type: "NodePort" }));
    await expect(client.create(newService("other", { type: "NodePort" }))).rejects.toThrow(/range is full/);
    const back = await client.patch("Service", "default", "web", { spec: { type: "ClusterIP" } }, "merge");
    expect(specOf(back).ports?.[0]?.nodePort).toBeUndefined();
    const other = await client.create(newService("other", { type: "NodePort" }));
    expect(specOf(other).ports?.[0]?.nodePort).toBe(30000);
    await expect(client.patch("Service", "default", "web", { spec: { type: "NodePort" } }, "merge")).rejects.toThrow(
      /range is full/,
    );
    await client.delete("Service", "default", "other");
    const again = await client.patch("Service", "default", "web", { spec: { type: "NodePort" } }, "merge");
    expect(specOf(again).ports?.[0]?.nodePort).toBe(30000);
  });

  it("moves a claim when an update changes the requested node port", async () => {
    const { client } = registry();
    await client.create(newService("web", { type: "NodePort", ports: [{ port: 80, nodePort: 30010 }] }));
    await client.update(newService("web", { type: "NodePort", ports: [{ port: 80, nodePort: 30011 }] }));
    await client.create(newService("other", { type: "NodePort", ports: [{ port: 80, nodePort: 30010 }] }));
    await expect(
      client.create(newService("third", { type: "NodePort", ports: [{ port: 80, nodePort: 30011 }] })),
    ).rejects.toThrow(/provided port is already allocated/);
  });

  it("releases everything when the namespace's Service is deleted", async () => {
    const { client, backend } = registry();
    await client.create(newService("web", { type: "NodePort", ports: [{ port: 80, nodePort: 30001 }] }));
    await client.delete("Service", "default", "web");
    expect((await backend.range("/registry/ranges/")).kvs).toEqual([]);
  });
});

describe("leaked claims", () => {
  it("reclaims an old claim whose Service never got the value, but never a fresh one", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const backend = new MemoryBackend();
    const client = createRegistry(backend, { serviceClusterIpRange: "10.0.0.0/30", now: () => now });
    // A writer that claimed and crashed before writing its Service.
    const crashed = new ServiceAllocator(backend, { serviceClusterIpRange: "10.0.0.0/30", now: () => now });
    const orphan = newService("ghost", { clusterIP: "10.0.0.1" });
    orphan.metadata.uid = "ghost-uid";
    await crashed.allocate(orphan, undefined);
    const late = new ServiceAllocator(backend, { serviceClusterIpRange: "10.0.0.0/30", now: () => now });
    const fresh = newService("fresh", { clusterIP: "10.0.0.1" });
    fresh.metadata.uid = "fresh-uid";
    await expect(late.allocate(fresh, undefined)).rejects.toThrow(/already allocated/);
    now = new Date("2026-01-01T00:05:00Z");
    await late.allocate(fresh, undefined);
    await expect(client.create(newService("x", { clusterIP: "10.0.0.1" }))).rejects.toThrow(/already allocated/);
  });
});

describe("allocation shared through the store", () => {
  const dirs = new TempDirs();
  afterEach(() => dirs.cleanup());

  it("never duplicates a value between two registries over one backend", async () => {
    const backend = new MemoryBackend();
    const options = { serviceClusterIpRange: "10.0.0.0/27", serviceNodePortRange: "30000-30029" };
    const [a, b] = [createRegistry(backend, options), createRegistry(backend, options)];
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).create(newService(`s${i}`, { type: "NodePort" }))),
    );
    expect(new Set(created.map((s) => specOf(s).clusterIP)).size).toBe(30);
    expect(new Set(created.map((s) => specOf(s).ports?.[0]?.nodePort)).size).toBe(30);
  });

  it("never duplicates an IP under concurrent creates on the SQLite backend", async () => {
    const backend = await openSqliteBackend(join(await dirs.make(), "state.db"));
    const client = createRegistry(backend, { serviceClusterIpRange: "10.0.0.0/28" });
    try {
      const settled = await Promise.allSettled(
        Array.from({ length: 16 }, (_, i) => client.create(newService(`s${i}`))),
      );
      const ips = settled.flatMap((r) => (r.status === "fulfilled" ? [specOf(r.value).clusterIP] : []));
      expect(ips).toHaveLength(14);
      expect(new Set(ips).size).toBe(14);
      expect(settled.filter((r) => r.status === "rejected").map((r) => String(r.reason))).toEqual([
        expect.stringContaining("range is full"),
        expect.stringContaining("range is full"),
      ]);
    } finally {
      await client.close();
    }
  });
});

describe("syncing manifests with the three-way merge", () => {
  const manifest = () => ({ object: newService("frontend", { type: "NodePort", ports: [{ port: 80 }] }) });

  async function sync(client: Registry) {
    const desired = [manifest()];
    const live = await readLive(client, { desired, sourceId: "repo" });
    const result = plan({ desired, live, sourceId: "repo" });
    await apply(result, client);
    return result;
  }

  it("plans no change for the cluster IP and node port a manifest leaves out", async () => {
    const { client } = registry();
    await sync(client);
    const first = specOf(await client.get("Service", "default", "frontend"));
    expect(first.ports?.[0]?.nodePort).toBeGreaterThanOrEqual(30000);
    const again = await sync(client);
    expect(again.steps.map((s) => s.action)).toEqual(["unchanged"]);
    expect(specOf(await client.get("Service", "default", "frontend"))).toEqual(first);
  });
});
