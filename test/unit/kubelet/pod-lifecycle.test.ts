import { afterEach, describe, expect, it } from "vitest";
import type { Node } from "../../../src/api/types/index.js";
import type { StartContainerOptions } from "../../../src/kubelet/index.js";
import { LABELS } from "../../../src/kubelet/index.js";
import {
  conditionOf,
  containerStatusOf,
  createPod,
  type Harness,
  IMAGE,
  newPod,
  podWhere,
  startHarness,
  until,
} from "./kubelet-harness.js";

let h: Harness;
afterEach(() => h?.cleanup());

function appContainers(uid: string) {
  return h.runtime.podContainers(uid).filter((c) => c.details.labels[LABELS.containerName] !== "POD");
}

function running(uid: string, name = "app") {
  return appContainers(uid).find(
    (c) => c.details.labels[LABELS.containerName] === name && c.details.state === "running",
  );
}

describe("the kubelet's node", () => {
  it("registers its Node with capacity, labels, addresses, nodeInfo and a Ready heartbeat", async () => {
    h = await startHarness({ capacity: { pods: "20" } });
    const node = (await h.client.get("Node", "", "node-a")) as Node;
    expect(node.metadata.labels).toMatchObject({ "kubernetes.io/hostname": "node-a", "kubernetes.io/os": "linux" });
    expect(node.status?.capacity).toEqual({ cpu: "4", memory: `${8 * 1024 * 1024}Ki`, pods: "20" });
    expect(node.status?.allocatable).toEqual(node.status?.capacity);
    expect(node.status?.addresses).toContainEqual({ type: "InternalIP", address: "192.0.2.10" });
    expect(node.status?.nodeInfo).toMatchObject({ kubeletVersion: "slipway", containerRuntimeVersion: "fake://0.0.0" });
    const ready = node.status?.conditions?.find((c) => c.type === "Ready");
    expect(ready).toMatchObject({ status: "True", lastHeartbeatTime: new Date(h.now()).toISOString() });
  });

  it("renews the heartbeat every heartbeatMs", async () => {
    h = await startHarness({ heartbeatMs: 5 });
    h.advance(60_000);
    const later = new Date(h.now()).toISOString();
    await until("a newer heartbeat", async () => {
      const node = (await h.client.get("Node", "", "node-a")) as Node;
      return node.status?.conditions?.find((c) => c.lastHeartbeatTime === later);
    });
  });
});

describe("running a pod", () => {
  it("starts the sandbox and every container, and reports Running and Ready with the pod IP", async () => {
    h = await startHarness();
    const created = await createPod(
      h.client,
      newPod("web", {
        containers: [
          { name: "app", image: IMAGE },
          { name: "side", image: IMAGE },
        ],
      }),
    );
    const pod = await podWhere(h.client, "web", "Ready", (p) => conditionOf(p, "Ready") === "True");
    const uid = created.metadata.uid ?? "";
    expect(h.runtime.callsOf("createSandbox")).toHaveLength(1);
    expect(h.runtime.callsOf("startContainer")).toHaveLength(2);
    expect(pod.status).toMatchObject({ phase: "Running", hostIP: "192.0.2.10" });
    expect(pod.status?.podIP).toMatch(/^10\.88\.0\.\d+$/);
    expect(pod.status?.startTime).toBe(new Date(h.now()).toISOString());
    expect(pod.status?.conditions?.map((c) => [c.type, c.status])).toEqual([
      ["Initialized", "True"],
      ["Ready", "True"],
      ["ContainersReady", "True"],
      ["PodScheduled", "True"],
    ]);
    const app = running(uid);
    expect(containerStatusOf(pod, "app")).toEqual({
      name: "app",
      image: IMAGE,
      imageID: `sha256:${IMAGE}`,
      containerID: `docker://${app?.details.id}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: new Date(h.now()).toISOString() } },
      lastState: {},
    });
  });

  it("passes env from values, ConfigMaps, Secrets and the pod's fields, and the limits", async () => {
    h = await startHarness();
    await h.client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "cfg", namespace: "default" },
      data: { mode: "fast" },
    });
    await h.client.create({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "creds", namespace: "default" },
      data: { password: Buffer.from("hunter2").toString("base64") },
    });
    await createPod(
      h.client,
      newPod("env", {
        containers: [
          {
            name: "app",
            image: IMAGE,
            env: [
              { name: "GREETING", value: "hello" },
              { name: "MESSAGE", value: "$(GREETING) world" },
              { name: "MODE", valueFrom: { configMapKeyRef: { name: "cfg", key: "mode" } } },
              { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "creds", key: "password" } } },
              { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
              { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
              { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
              { name: "NODE", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } },
            ],
            resources: { limits: { cpu: "500m", memory: "64Mi" } },
          },
        ],
      }),
    );
    const pod = await podWhere(h.client, "env", "Running", (p) => p.status?.phase === "Running");
    const [options] = h.runtime.callsOf("startContainer")[0] as [StartContainerOptions];
    expect(options.spec.env).toEqual([
      { name: "GREETING", value: "hello" },
      { name: "MESSAGE", value: "hello world" },
      { name: "MODE", value: "fast" },
      { name: "PASSWORD", value: "hunter2" },
      { name: "POD_NAME", value: "env" },
      { name: "POD_NAMESPACE", value: "default" },
      { name: "POD_IP", value: pod.status?.podIP },
      { name: "NODE", value: "node-a" },
    ]);
    expect(options.spec).toMatchObject({ cpuMillis: 500, memoryBytes: 64 * 1024 * 1024 });
  });

  it("reports CreateContainerConfigError for a missing ConfigMap key and for a hostPath the node refuses", async () => {
    h = await startHarness();
    await createPod(
      h.client,
      newPod("bad-env", {
        containers: [
          {
            name: "app",
            image: IMAGE,
            env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "nope", key: "k" } } }],
          },
        ],
      }),
    );
    await createPod(
      h.client,
      newPod("bad-volume", {
        volumes: [{ name: "host", hostPath: { path: "/etc" } }],
        containers: [{ name: "app", image: IMAGE, volumeMounts: [{ name: "host", mountPath: "/host" }] }],
      }),
    );
    for (const name of ["bad-env", "bad-volume"]) {
      const pod = await podWhere(
        h.client,
        name,
        "config error",
        (p) => containerStatusOf(p)?.state?.waiting !== undefined,
      );
      expect(containerStatusOf(pod)?.state?.waiting?.reason).toBe("CreateContainerConfigError");
      expect(pod.status?.phase).toBe("Pending");
    }
    expect(h.runtime.callsOf("startContainer")).toHaveLength(0);
  });

  it("writes configMap and emptyDir volumes on the host and mounts the configMap read-only", async () => {
    h = await startHarness();
    await h.client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "site", namespace: "default" },
      data: { "index.html": "hi" },
    });
    await createPod(
      h.client,
      newPod("vol", {
        volumes: [
          { name: "site", configMap: { name: "site" } },
          { name: "scratch", emptyDir: {} },
        ],
        containers: [
          {
            name: "app",
            image: IMAGE,
            volumeMounts: [
              { name: "site", mountPath: "/www" },
              { name: "scratch", mountPath: "/tmp/scratch" },
            ],
          },
        ],
      }),
    );
    await podWhere(h.client, "vol", "Running", (p) => p.status?.phase === "Running");
    const [options] = h.runtime.callsOf("startContainer")[0] as [StartContainerOptions];
    const [site, scratch] = options.spec.mounts ?? [];
    expect(site).toMatchObject({ containerPath: "/www", readOnly: true });
    expect(scratch?.readOnly).toBeUndefined();
    const { readFileSync, statSync } = await import("node:fs");
    expect(readFileSync(`${site?.hostPath}/index.html`, "utf8")).toBe("hi");
    expect(statSync(scratch?.hostPath ?? "").isDirectory()).toBe(true);
  });

  it("writes the status once and not again when a resync finds nothing changed", async () => {
    h = await startHarness();
    await createPod(h.client, newPod("quiet"));
    const first = await podWhere(h.client, "quiet", "Ready", (p) => conditionOf(p, "Ready") === "True");
    await h.kubelet.resync();
    await h.kubelet.workers.idle(first.metadata.uid ?? "");
    await h.kubelet.resync();
    await h.kubelet.workers.idle(first.metadata.uid ?? "");
    const after = await podWhere(h.client, "quiet", "read", () => true);
    expect(after.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });
});

describe("which pods the kubelet runs", () => {
  it("starts a pod once it is bound to this node, and leaves other nodes' pods alone", async () => {
    h = await startHarness();
    await createPod(h.client, newPod("elsewhere", {}, "node-b"));
    const unbound = await createPod(h.client, {
      ...newPod("later"),
      spec: { containers: [{ name: "app", image: IMAGE }] },
    });
    await h.kubelet.resync();
    expect(h.runtime.callsOf("createSandbox")).toEqual([]);
    await h.client.update({ ...unbound, spec: { ...unbound.spec, nodeName: "node-a" } });
    await podWhere(h.client, "later", "Running", (p) => p.status?.phase === "Running");
    expect(h.runtime.callsOf("createSandbox")).toHaveLength(1);
  });
});
