import { describe, expect, it } from "vitest";
import { columnsFor, tableRows } from "../../../../src/api/columns/index.js";
import { podStatus } from "../../../../src/api/columns/pod.js";
import { endpointsSummary, servicePorts } from "../../../../src/api/columns/service.js";
import type { KubeObject } from "../../../../src/api/object.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");
const created = "2026-11-22T09:59:00Z";

function obj(kind: string, fields: Record<string, unknown>, name = "x"): KubeObject {
  return { apiVersion: "v1", kind, metadata: { name, namespace: "default", creationTimestamp: created }, ...fields };
}

describe("columns per kind", () => {
  it.each([
    ["Pod", false, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"]],
    ["Pod", true, ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"]],
    ["ReplicationController", false, ["NAME", "DESIRED", "CURRENT", "READY", "AGE"]],
    ["ReplicaSet", true, ["NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"]],
    ["Deployment", false, ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]],
    ["Service", false, ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"]],
    ["Endpoints", false, ["NAME", "ENDPOINTS", "AGE"]],
    ["ConfigMap", false, ["NAME", "DATA", "AGE"]],
    ["Secret", false, ["NAME", "TYPE", "DATA", "AGE"]],
    ["Namespace", false, ["NAME", "STATUS", "AGE"]],
    ["Node", false, ["NAME", "STATUS", "ROLES", "AGE", "VERSION"]],
    ["Event", false, ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]],
  ])("%s (wide=%s) has kubectl's headers", (kind, wide, headers) => {
    expect(columnsFor(kind, { wide }).map((c) => c.header)).toEqual(headers);
  });

  it("puts NAMESPACE first for all-namespaces listings", () => {
    expect(columnsFor("Pod", { withNamespace: true }).map((c) => c.header)[0]).toBe("NAMESPACE");
  });

  it("fills an RC row from spec and status", () => {
    const rc = obj(
      "ReplicationController",
      { spec: { replicas: 3 }, status: { replicas: 2, readyReplicas: 1 } },
      "web",
    );
    expect(tableRows(columnsFor(rc.kind), [rc], NOW)).toEqual([["web", "3", "2", "1", "60s"]]);
  });

  it("shows a deployment's READY as ready/desired", () => {
    const d = obj("Deployment", {
      spec: { replicas: 2 },
      status: { readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 },
    });
    expect(tableRows(columnsFor("Deployment"), [d], NOW)[0]).toEqual(["x", "1/2", "2", "1", "60s"]);
  });
});

describe("pod STATUS", () => {
  const running = { ready: true, restartCount: 2, state: { running: {} } };
  it.each([
    ["Pending with no status", {}, "Pending"],
    ["Running", { status: { phase: "Running", containerStatuses: [running] } }, "Running"],
    [
      "a waiting reason wins over the phase",
      { status: { phase: "Running", containerStatuses: [{ state: { waiting: { reason: "CrashLoopBackOff" } } }] } },
      "CrashLoopBackOff",
    ],
    [
      "a terminated container without reason shows its exit code",
      { status: { phase: "Failed", containerStatuses: [{ state: { terminated: { exitCode: 3 } } }] } },
      "ExitCode:3",
    ],
    [
      "an init container still running",
      {
        spec: { initContainers: [{}, {}] },
        status: { phase: "Pending", initContainerStatuses: [{ state: { running: {} } }] },
      },
      "Init:0/2",
    ],
  ])("%s", (_, fields, expected) => {
    expect(podStatus(obj("Pod", fields))).toBe(expected);
  });

  it("says Terminating once deletion started", () => {
    const pod = obj("Pod", { status: { phase: "Running" } });
    pod.metadata.deletionTimestamp = created;
    expect(podStatus(pod)).toBe("Terminating");
  });

  it("counts ready containers and restarts", () => {
    const pod = obj("Pod", {
      spec: { containers: [{}, {}] },
      status: { phase: "Running", containerStatuses: [running, { ...running, ready: false, restartCount: 1 }] },
    });
    expect(tableRows(columnsFor("Pod"), [pod], NOW)[0]).toEqual(["x", "1/2", "Running", "3", "60s"]);
  });
});

describe("service and endpoints cells", () => {
  it("joins ports with nodePorts like 80:30001/TCP", () => {
    const svc = obj("Service", {
      spec: {
        ports: [
          { port: 80, nodePort: 30001, protocol: "TCP" },
          { port: 53, protocol: "UDP" },
        ],
      },
    });
    expect(servicePorts(svc)).toBe("80:30001/TCP,53/UDP");
  });

  it("lists three endpoints then counts the rest", () => {
    const ep = obj("Endpoints", {
      subsets: [{ addresses: ["1", "2", "3", "4"].map((n) => ({ ip: `10.0.0.${n}` })), ports: [{ port: 80 }] }],
    });
    expect(endpointsSummary(ep)).toBe("10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...");
    expect(endpointsSummary(obj("Endpoints", {}))).toBe("<none>");
  });
});
