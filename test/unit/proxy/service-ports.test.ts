import { describe, expect, it } from "vitest";
import type { Endpoints, Service } from "../../../src/api/types/service.js";
import { proxiedPorts, RoundRobin, readyBackends } from "../../../src/proxy/index.js";

function service(spec: NonNullable<Service["spec"]>): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "shop" }, spec };
}

describe("proxiedPorts", () => {
  it("gives each TCP port of a cluster-IP service its cluster IP and no node port", () => {
    const ports = proxiedPorts(
      service({
        clusterIP: "10.43.0.10",
        ports: [
          { name: "http", port: 80, nodePort: 30080 },
          { name: "dns", port: 53, protocol: "UDP" },
        ],
      }),
    );
    expect(ports).toEqual([
      { id: "shop/web:http", service: "shop/web", portName: "http", port: 80, clusterIP: "10.43.0.10", affinityMs: 0 },
    ]);
  });

  it("adds node ports for NodePort services", () => {
    const [port] = proxiedPorts(
      service({ type: "NodePort", clusterIP: "10.43.0.10", ports: [{ port: 80, nodePort: 30080 }] }),
    );
    expect(port).toMatchObject({ id: "shop/web:", clusterIP: "10.43.0.10", nodePort: 30080 });
  });

  it("turns sessionAffinity ClientIP into an affinity timeout, three hours unless configured", () => {
    const spec = { clusterIP: "10.43.0.10", sessionAffinity: "ClientIP" as const, ports: [{ port: 80 }] };
    expect(proxiedPorts(service(spec))[0]?.affinityMs).toBe(10_800_000);
    const configured = { ...spec, sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } };
    expect(proxiedPorts(service(configured))[0]?.affinityMs).toBe(60_000);
  });

  it("serves nothing for a headless service or one without an allocated cluster IP", () => {
    expect(proxiedPorts(service({ clusterIP: "None", ports: [{ port: 80 }] }))).toEqual([]);
    expect(proxiedPorts(service({ clusterIP: "", ports: [{ port: 80 }] }))).toEqual([]);
  });
});

describe("readyBackends", () => {
  const endpoints: Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: { name: "web", namespace: "shop" },
    subsets: [
      {
        addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }],
        notReadyAddresses: [{ ip: "10.0.0.3" }],
        ports: [
          { name: "http", port: 8080 },
          { name: "metrics", port: 9090 },
        ],
      },
      { addresses: [{ ip: "10.0.0.4" }], ports: [{ name: "http", port: 8081 }] },
    ],
  };

  it("pairs ready addresses with the port of the same name, across subsets", () => {
    expect(readyBackends(endpoints, "http")).toEqual([
      { host: "10.0.0.1", port: 8080 },
      { host: "10.0.0.2", port: 8080 },
      { host: "10.0.0.4", port: 8081 },
    ]);
  });

  it("gives no backend for an unknown port name or missing Endpoints", () => {
    expect(readyBackends(endpoints, "")).toEqual([]);
    expect(readyBackends(undefined, "http")).toEqual([]);
  });
});

describe("RoundRobin", () => {
  const b = (n: number) => ({ host: "10.0.0.1", port: n });

  it("continues the rotation from the same backend when the set changes", () => {
    const rr = new RoundRobin();
    rr.set([b(1), b(2), b(3)]);
    expect(rr.next()).toEqual(b(1));
    rr.set([b(3), b(2)]);
    expect([rr.next(), rr.next(), rr.next()]).toEqual([b(2), b(3), b(2)]);
  });

  it("returns nothing when empty", () => {
    const rr = new RoundRobin();
    rr.set([]);
    expect(rr.next()).toBeUndefined();
  });
});
