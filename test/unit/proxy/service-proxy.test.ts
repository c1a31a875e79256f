import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Endpoints, Service } from "../../../src/api/types/service.js";
import { type DnatRule, type ServiceProxy, type ServiceRules, startServiceProxy } from "../../../src/proxy/index.js";
import { createRegistry, MemoryBackend, type Registry } from "../../../src/store/index.js";
import { waitFor } from "../../helpers/wait-for.js";
import { connectTo, freeNodePort, type NamedServer, startNamedServer } from "./tcp-servers.js";

/** Records every rule set instead of touching iptables. */
class RecordingRules implements ServiceRules {
  current: readonly DnatRule[] = [];
  cleanedUp = false;
  async sync(rules: readonly DnatRule[]): Promise<void> {
    this.current = rules;
  }
  async cleanup(): Promise<void> {
    this.current = [];
    this.cleanedUp = true;
  }
}

function service(name: string, spec: NonNullable<Service["spec"]>): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec };
}

function endpoints(name: string, servers: NamedServer[], notReady: NamedServer[] = []): Endpoints {
  // Every test server listens on 127.0.0.1 with its own port: one subset per server.
  return {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name, namespace: "default" },
    subsets: [
      ...servers.map((s) => ({ addresses: [{ ip: "127.0.0.1" }], ports: [{ name: "http", port: s.port }] })),
      ...notReady.map((s) => ({ notReadyAddresses: [{ ip: "127.0.0.1" }], ports: [{ name: "http", port: s.port }] })),
    ],
  };
}

async function greeting(port: number): Promise<string> {
  const c = connectTo(port);
  try {
    await c.waitFor("\n");
    return c.received().trim();
  } finally {
    c.socket.destroy();
  }
}

describe("startServiceProxy", () => {
  let registry: Registry;
  let rules: RecordingRules;
  let abort: AbortController;
  let proxy: ServiceProxy;
  let servers: NamedServer[];
  const logs: string[] = [];

  beforeEach(async () => {
    registry = createRegistry(new MemoryBackend());
    rules = new RecordingRules();
    abort = new AbortController();
    servers = await Promise.all(["a", "b", "c"].map(startNamedServer));
    proxy = startServiceProxy({
      client: registry,
      signal: abort.signal,
      log: (l) => logs.push(l),
      nodeName: "node-1",
      nodePortAddress: "127.0.0.1",
      proxyAddress: "127.0.0.1",
      rules,
    });
    await proxy.ready;
  });

  afterEach(async () => {
    abort.abort();
    await proxy.done;
    await Promise.all(servers.map((s) => s.close()));
    await registry.close();
  });

  const served = (id: string) => proxy.ports().find((p) => p.id === id);

  it("sends a cluster IP's port to its proxy port, which balances over the ready endpoints", async () => {
    await registry.create(service("web", { clusterIP: "10.43.0.10", ports: [{ name: "http", port: 80 }] }));
    await registry.create(endpoints("web", [servers[0]!, servers[1]!], [servers[2]!]));
    await waitFor(() => served("default/web:http")?.backends.length === 2, "two ready backends");
    const port = served("default/web:http")!.proxyPort!;
    expect(rules.current).toEqual([{ clusterIP: "10.43.0.10", port: 80, toHost: "127.0.0.1", toPort: port }]);
    const seen = [await greeting(port), await greeting(port), await greeting(port), await greeting(port)];
    expect(seen.sort()).toEqual(["a", "a", "b", "b"]);
  });

  it("listens on the node port of a NodePort service", async () => {
    const nodePort = await freeNodePort();
    await registry.create(
      service("web", { type: "NodePort", clusterIP: "10.43.0.11", ports: [{ name: "http", port: 80, nodePort }] }),
    );
    await registry.create(endpoints("web", [servers[2]!]));
    await waitFor(() => served("default/web:http")?.backends.length === 1, "one backend");
    expect(await greeting(nodePort)).toBe("c");
  });

  it("follows endpoint changes and resets connections while there is none", async () => {
    await registry.create(service("web", { clusterIP: "10.43.0.12", ports: [{ name: "http", port: 80 }] }));
    await waitFor(() => served("default/web:http") !== undefined, "the service served");
    const port = served("default/web:http")!.proxyPort!;
    expect(await connectTo(port).ended).toBe("reset");
    await registry.create(endpoints("web", [servers[1]!]));
    await waitFor(() => served("default/web:http")?.backends.length === 1, "one backend");
    expect(await greeting(port)).toBe("b");
  });

  it("stops serving a deleted service and removes its rule", async () => {
    await registry.create(service("web", { clusterIP: "10.43.0.13", ports: [{ name: "http", port: 80 }] }));
    await waitFor(() => rules.current.length === 1, "the rule");
    const port = served("default/web:http")!.proxyPort!;
    await registry.delete("Service", "default", "web");
    await waitFor(() => rules.current.length === 0 && proxy.ports().length === 0, "the service gone");
    expect(await connectTo(port).ended).toBe("ECONNREFUSED");
  });

  it("retries a node port in use and serves it once it is free", async () => {
    const blocker = await startNamedServer("blocker", await freeNodePort());
    await registry.create(
      service("web", {
        type: "NodePort",
        clusterIP: "10.43.0.14",
        ports: [{ name: "http", port: 80, nodePort: blocker.port }],
      }),
    );
    await registry.create(endpoints("web", [servers[0]!]));
    await waitFor(() => logs.some((l) => l.includes("EADDRINUSE")), "the failed listen logged");
    await blocker.close();
    await waitFor(() => served("default/web:http") !== undefined, "the node port served", 10_000);
    expect(await greeting(blocker.port)).toBe("a");
  });

  it("closes everything and cleans its rules up when the signal aborts", async () => {
    await registry.create(service("web", { clusterIP: "10.43.0.15", ports: [{ name: "http", port: 80 }] }));
    await waitFor(() => rules.current.length === 1, "the rule");
    const port = served("default/web:http")!.proxyPort!;
    abort.abort();
    await proxy.done;
    expect(rules.cleanedUp).toBe(true);
    expect(await connectTo(port).ended).toBe("ECONNREFUSED");
  });
});
