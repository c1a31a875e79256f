import { afterEach, describe, expect, it } from "vitest";
import type { Service, ServicePort } from "../../../src/api/types/index.js";
import type { StartContainerOptions } from "../../../src/kubelet/index.js";
import { serviceEnv } from "../../../src/kubelet/index.js";
import { createPod, type Harness, IMAGE, newPod, podWhere, startHarness } from "./kubelet-harness.js";

function service(name: string, clusterIP: string, ports: ServicePort[]): Service {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec: { clusterIP, ports } };
}

describe("service links", () => {
  it("give HOST, PORT and the Docker-link variables of each service with a cluster IP", () => {
    const env = serviceEnv([service("redis-primary", "10.0.0.11", [{ name: "redis", port: 6379 }])]);
    expect(env).toEqual([
      { name: "REDIS_PRIMARY_SERVICE_HOST", value: "10.0.0.11" },
      { name: "REDIS_PRIMARY_SERVICE_PORT", value: "6379" },
      { name: "REDIS_PRIMARY_SERVICE_PORT_REDIS", value: "6379" },
      { name: "REDIS_PRIMARY_PORT", value: "tcp://10.0.0.11:6379" },
      { name: "REDIS_PRIMARY_PORT_6379_TCP", value: "tcp://10.0.0.11:6379" },
      { name: "REDIS_PRIMARY_PORT_6379_TCP_PROTO", value: "tcp" },
      { name: "REDIS_PRIMARY_PORT_6379_TCP_PORT", value: "6379" },
      { name: "REDIS_PRIMARY_PORT_6379_TCP_ADDR", value: "10.0.0.11" },
    ]);
  });

  it("leave out headless services and services without an IP", () => {
    expect(serviceEnv([service("db", "None", [{ port: 5432 }]), service("new", "", [{ port: 80 }])])).toEqual([]);
  });
});

describe("service links in a started container", () => {
  let h: Harness;
  afterEach(() => h?.cleanup());

  it("come before the container's own env, which may override them, unless enableServiceLinks is false", async () => {
    h = await startHarness();
    await h.client.create(service("web", "10.43.0.5", [{ port: 80 }]));
    await createPod(
      h.client,
      newPod("linked", {
        containers: [{ name: "app", image: IMAGE, env: [{ name: "WEB_SERVICE_PORT", value: "8080" }] }],
      }),
    );
    await createPod(h.client, newPod("unlinked", { enableServiceLinks: false }));
    await podWhere(h.client, "linked", "Running", (p) => p.status?.phase === "Running");
    await podWhere(h.client, "unlinked", "Running", (p) => p.status?.phase === "Running");
    const envOf = (pod: string) =>
      h.runtime
        .callsOf("startContainer")
        .map(([o]) => o as StartContainerOptions)
        .find((o) => o.pod.name === pod)?.spec.env ?? [];
    expect(envOf("linked")).toContainEqual({ name: "WEB_SERVICE_HOST", value: "10.43.0.5" });
    expect(envOf("linked")).toContainEqual({ name: "WEB_SERVICE_PORT", value: "8080" });
    expect(envOf("unlinked")).toEqual([]);
  });
});
