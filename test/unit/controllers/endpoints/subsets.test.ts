import { describe, expect, it } from "vitest";
import type { Pod } from "../../../../src/api/types/pod.js";
import type { ServicePort } from "../../../../src/api/types/service.js";
import { computeSubsets, resolveTargetPort } from "../../../../src/controllers/endpoints/subsets.js";

interface PodShape {
  ip?: string;
  ready?: boolean;
  node?: string;
  ports?: { name: string; containerPort: number }[];
  phase?: "Running" | "Failed" | "Succeeded";
  deleting?: boolean;
}

function pod(name: string, { ip, ready = true, node = "n1", ports = [], phase = "Running", deleting }: PodShape): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}`,
      ...(deleting ? { deletionTimestamp: "2026-01-01T00:00:00Z" } : {}),
    },
    spec: { nodeName: node, containers: [{ name: "c", image: "i", ports }] },
    status: {
      phase,
      ...(ip ? { podIP: ip } : {}),
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  } as Pod;
}

const http: ServicePort = { name: "http", port: 80, targetPort: "web", protocol: "TCP" };

describe("resolving a target port", () => {
  it("takes a number as is and a name from the pod's container ports", () => {
    const p = pod("a", { ip: "10.0.0.1", ports: [{ name: "web", containerPort: 8080 }] });
    expect(resolveTargetPort(p, { port: 80, targetPort: 9090 })).toBe(9090);
    expect(resolveTargetPort(p, http)).toBe(8080);
    expect(resolveTargetPort(p, { port: 80, targetPort: "other" })).toBeUndefined();
    expect(resolveTargetPort(p, { ...http, protocol: "UDP" })).toBeUndefined();
  });
});

describe("computing subsets", () => {
  it("lists ready pods under addresses and not-ready ones under notReadyAddresses, with pod refs and nodes", () => {
    const subsets = computeSubsets(
      [pod("b", { ip: "10.0.0.2", ready: false, node: "n2" }), pod("a", { ip: "10.0.0.1" })],
      [{ port: 80, targetPort: 8080, protocol: "TCP" }],
    );
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: "10.0.0.1", nodeName: "n1", targetRef: { kind: "Pod", namespace: "default", name: "a", uid: "uid-a" } },
        ],
        notReadyAddresses: [
          { ip: "10.0.0.2", nodeName: "n2", targetRef: { kind: "Pod", namespace: "default", name: "b", uid: "uid-b" } },
        ],
        ports: [{ port: 8080, protocol: "TCP" }],
      },
    ]);
  });

  it("puts pods whose named port has different numbers into different subsets", () => {
    const subsets = computeSubsets(
      [
        pod("a", { ip: "10.0.0.1", ports: [{ name: "web", containerPort: 8080 }] }),
        pod("b", { ip: "10.0.0.2", ports: [{ name: "web", containerPort: 9090 }] }),
        pod("c", { ip: "10.0.0.3", ports: [{ name: "web", containerPort: 8080 }] }),
        pod("d", { ip: "10.0.0.4", ports: [{ name: "nope", containerPort: 1 }] }),
      ],
      [http],
    );
    expect(subsets.map((s) => [s.addresses?.map((a) => a.ip), s.ports])).toEqual([
      [["10.0.0.1", "10.0.0.3"], [{ name: "http", port: 8080, protocol: "TCP" }]],
      [["10.0.0.2"], [{ name: "http", port: 9090, protocol: "TCP" }]],
    ]);
  });

  it("leaves out pods without an IP, being deleted or finished", () => {
    const subsets = computeSubsets(
      [
        pod("no-ip", {}),
        pod("deleting", { ip: "10.0.0.2", deleting: true }),
        pod("failed", { ip: "10.0.0.3", phase: "Failed" }),
        pod("done", { ip: "10.0.0.4", phase: "Succeeded" }),
      ],
      [{ port: 80, targetPort: 80, protocol: "TCP" }],
    );
    expect(subsets).toEqual([]);
  });

  it("sorts addresses numerically so the same pods always give the same subsets", () => {
    const pods = ["10.0.0.10", "10.0.0.9", "10.0.0.100"].map((ip, i) => pod(`p${i}`, { ip }));
    const ips = computeSubsets(pods, [{ port: 80, targetPort: 80 }])[0]?.addresses?.map((a) => a.ip);
    expect(ips).toEqual(["10.0.0.9", "10.0.0.10", "10.0.0.100"]);
    expect(computeSubsets([...pods].reverse(), [{ port: 80, targetPort: 80 }])).toEqual(
      computeSubsets(pods, [{ port: 80, targetPort: 80 }]),
    );
  });
});
