import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Event } from "../../../src/api/types/event.js";
import type { Node } from "../../../src/api/types/node.js";
import type { Pod } from "../../../src/api/types/pod.js";
import type { BindPlugin, FilterPlugin } from "../../../src/scheduler/framework/plugin.js";
import { SUCCESS, unschedulable } from "../../../src/scheduler/framework/status.js";
import { defaultBinder, defaultProfile } from "../../../src/scheduler/plugins/index.js";
import { type Scheduler, type SchedulerOptions, startScheduler } from "../../../src/scheduler/scheduler.js";
import { MemoryBackend } from "../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../src/store/registry.js";
import { waitFor } from "../../helpers/wait-for.js";
import { type NodeOptions, newNode, newPod, type PodOptions } from "./builders.js";

describe("the scheduler over the registry", () => {
  let registry: Registry;
  let stop: AbortController;
  let scheduler: Scheduler;
  const logged: string[] = [];
  const pods = new Map<string, Pod>();
  const events: Event[] = [];

  beforeEach(async () => {
    registry = createRegistry(new MemoryBackend());
    stop = new AbortController();
    pods.clear();
    events.length = 0;
    logged.length = 0;
    registry.watch("Pod", {}, (e) => {
      if (e.type !== "DELETED") pods.set(e.object.metadata.name ?? "", e.object as Pod);
    });
    registry.watch("Event", {}, (e) => events.push(e.object as Event));
  });

  afterEach(async () => {
    stop.abort();
    await scheduler?.done;
    await registry.close();
  });

  async function addNode(name: string, options: NodeOptions = {}): Promise<Node> {
    const node = newNode(name, options);
    const created = await registry.create(node);
    return (await registry.updateStatus({ ...created, status: node.status })) as Node;
  }

  async function addPod(name: string, options: PodOptions = {}): Promise<void> {
    const pod = newPod(name, options);
    delete pod.metadata.uid;
    await registry.create(pod);
  }

  async function start(options: Partial<SchedulerOptions> = {}): Promise<void> {
    scheduler = startScheduler({ client: registry, signal: stop.signal, log: (l) => logged.push(l), ...options });
    expect(await scheduler.synced).toBe(true);
  }

  const nodeOf = (name: string) => pods.get(name)?.spec.nodeName;
  const scheduled = (name: string) => pods.get(name)?.status?.conditions?.find((c) => c.type === "PodScheduled");

  it("spreads the pods of one owner over two nodes", async () => {
    await addNode("n1");
    await addNode("n2");
    await start();
    for (const name of ["a", "b", "c", "d"]) await addPod(name, { owner: "rs", cpu: "100m" });
    await waitFor(() => ["a", "b", "c", "d"].every((p) => scheduled(p)?.status === "True"), "four pods scheduled");
    const perNode = ["a", "b", "c", "d"].map(nodeOf);
    expect(perNode.filter((n) => n === "n1")).toHaveLength(2);
    expect(perNode.filter((n) => n === "n2")).toHaveLength(2);
    await waitFor(() => events.filter((e) => e.reason === "Scheduled").length === 4, "four Scheduled events");
    const event = events.find((e) => e.involvedObject.name === "a" && e.reason === "Scheduled");
    expect(event).toMatchObject({
      type: "Normal",
      message: `Successfully assigned default/a to ${nodeOf("a")}`,
      source: { component: "default-scheduler" },
      involvedObject: { kind: "Pod", namespace: "default", name: "a" },
    });
  });

  it("keeps a pod asking more cpu than any node Pending with Kubernetes' message, then places it on a bigger node", async () => {
    await addNode("n1", { cpu: "1" });
    await addNode("n2", { cpu: "1" });
    await addNode("n3", { cpu: "8", labels: { disk: "hdd" } });
    await start();
    await addPod("big", { cpu: "4", spec: { nodeSelector: { disk: "hdd" } } });
    await addPod("huge", { cpu: "16" });
    await waitFor(() => scheduled("big")?.status === "True", "big scheduled");
    expect(nodeOf("big")).toBe("n3");
    await waitFor(() => scheduled("huge")?.status === "False", "huge marked unschedulable");
    expect(scheduled("huge")).toMatchObject({
      reason: "Unschedulable",
      message: "0/3 nodes are available: 3 Insufficient cpu.",
    });
    expect(nodeOf("huge")).toBeUndefined();
    await waitFor(() => events.some((e) => e.reason === "FailedScheduling"), "a FailedScheduling event");
    expect(events.find((e) => e.reason === "FailedScheduling")).toMatchObject({
      type: "Warning",
      message: "0/3 nodes are available: 3 Insufficient cpu.",
      involvedObject: { name: "huge" },
    });

    await addNode("n4", { cpu: "32" });
    await waitFor(() => scheduled("huge")?.status === "True", "huge scheduled after a bigger node came");
    expect(nodeOf("huge")).toBe("n4");
  });

  it("names every reason with the count of nodes that gave it, sorted like kube-scheduler", async () => {
    await addNode("n1", { cpu: "1", labels: { disk: "ssd" } });
    await addNode("n2", { cpu: "1", labels: { disk: "ssd" } });
    await addNode("n3", { cpu: "8", labels: { disk: "hdd" } });
    await start();
    await addPod("q", { cpu: "2", spec: { nodeSelector: { disk: "ssd" } } });
    await waitFor(() => scheduled("q")?.status === "False", "q marked unschedulable");
    expect(scheduled("q")?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.",
    );
  });

  it("places a pod with a nodeSelector only on a matching node", async () => {
    await addNode("plain");
    await addNode("fast", { labels: { disk: "ssd" } });
    await start();
    for (const name of ["s1", "s2", "s3"]) await addPod(name, { spec: { nodeSelector: { disk: "ssd" } } });
    await waitFor(() => ["s1", "s2", "s3"].every((p) => nodeOf(p) !== undefined), "selector pods placed");
    expect(["s1", "s2", "s3"].map(nodeOf)).toEqual(["fast", "fast", "fast"]);
  });

  it("keeps pods off a tainted node unless they tolerate the taint", async () => {
    const taints = [{ key: "dedicated", value: "gpu", effect: "NoSchedule" as const }];
    await addNode("gpu", { taints });
    await start();
    await addPod("plain");
    await addPod("tolerant", { spec: { tolerations: [{ key: "dedicated", operator: "Exists" }] } });
    await waitFor(() => nodeOf("tolerant") === "gpu", "tolerant pod placed");
    await waitFor(() => scheduled("plain")?.status === "False", "plain pod refused");
    expect(scheduled("plain")?.message).toBe(
      "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}.",
    );
  });

  it("never puts two pods with the same host port on one node, and retries when the port is freed", async () => {
    await addNode("n1");
    await start();
    const hostPorts = [{ containerPort: 80, hostPort: 8080 }];
    await addPod("first", { hostPorts });
    await waitFor(() => nodeOf("first") === "n1", "first placed");
    await addPod("second", { hostPorts });
    await waitFor(() => scheduled("second")?.status === "False", "second refused");
    expect(scheduled("second")?.message).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.",
    );
    await registry.delete("Pod", "default", "first");
    await waitFor(() => nodeOf("second") === "n1", "second placed once the port is free");
  });

  it("counts pods being bound, so a burst does not overcommit a node", async () => {
    await addNode("n1", { cpu: "1" });
    for (let i = 0; i < 5; i++) await addPod(`p${i}`, { cpu: "300m" });
    await start();
    await waitFor(
      () => scheduler.stats().scheduled === 3 && scheduler.stats().unschedulable >= 2,
      "3 placed, 2 refused",
    );
    await waitFor(() => [0, 1, 2, 3, 4].filter((i) => scheduled(`p${i}`)?.status === "False").length === 2, "2 marked");
    expect([0, 1, 2, 3, 4].filter((i) => nodeOf(`p${i}`) === "n1")).toHaveLength(3);
  });

  it("leaves pods of another scheduler alone", async () => {
    await addNode("n1");
    await start();
    await addPod("mine");
    await addPod("theirs", { spec: { schedulerName: "other-scheduler" } });
    await waitFor(() => nodeOf("mine") === "n1", "mine placed");
    expect(nodeOf("theirs")).toBeUndefined();
    expect(scheduled("theirs")).toBeUndefined();
  });

  it("retries unschedulable pods when a node is uncordoned", async () => {
    await addNode("n1", { unschedulable: true });
    await start();
    await addPod("p");
    await waitFor(() => scheduled("p")?.status === "False", "p refused");
    expect(scheduled("p")?.message).toBe("0/1 nodes are available: 1 node(s) were unschedulable.");
    const node = (await registry.get("Node", "", "n1")) as Node;
    await registry.update({ ...node, spec: { ...node.spec, unschedulable: false } });
    await waitFor(() => nodeOf("p") === "n1", "p placed after uncordon");
    expect(logged).toEqual([]);
  });

  it("frees a node's resources when a pod on it finishes", async () => {
    await addNode("n1", { cpu: "1" });
    await start();
    await addPod("job", { cpu: "1" });
    await waitFor(() => nodeOf("job") === "n1", "job placed");
    await addPod("next", { cpu: "1" });
    await waitFor(() => scheduled("next")?.status === "False", "next refused while the job runs");
    const job = (await registry.get("Pod", "default", "job")) as Pod;
    await registry.updateStatus({ ...job, status: { ...job.status, phase: "Succeeded" } });
    await waitFor(() => nodeOf("next") === "n1", "next placed once the job finished");
  });

  it("retries an unschedulable pod periodically even when nothing it watches changes", async () => {
    let open = false;
    const gate = {
      name: "Gate",
      filter: () => (open ? SUCCESS : unschedulable("gate closed")),
    } satisfies FilterPlugin;
    await addNode("n1");
    await start({ profile: { ...defaultProfile, filters: [gate] }, unschedulableRetryMs: 10 });
    await addPod("p");
    await waitFor(() => scheduled("p")?.status === "False", "p refused");
    expect(scheduled("p")?.message).toBe("0/1 nodes are available: 1 gate closed.");
    open = true;
    await waitFor(() => nodeOf("p") === "n1", "p placed on a periodic retry");
  });

  it("undoes its choice when the binding fails and tries again", async () => {
    let failures = 1;
    const flaky = {
      name: "Flaky",
      bind: async (client, pod, nodeName) => {
        if (failures-- > 0) throw new Error("binding refused");
        return defaultBinder.bind(client, pod, nodeName);
      },
    } satisfies BindPlugin;
    await addNode("n1", { cpu: "1" });
    await start({ profile: { ...defaultProfile, bind: flaky } });
    await addPod("p", { cpu: "1" });
    await waitFor(() => nodeOf("p") === "n1", "p bound on the second try");
    expect(scheduler.stats()).toMatchObject({ scheduled: 1, bindFailures: 1, unschedulable: 0 });
    expect(logged).toEqual([expect.stringMatching(/^scheduler: binding default\/p to n1 failed .*binding refused/)]);
  });

  it("counts the pods bound before it started", async () => {
    await addNode("n1", { cpu: "1" });
    await addNode("n2", { cpu: "1" });
    const earlier = newPod("earlier", { cpu: "800m", spec: { nodeName: "n1" } });
    delete earlier.metadata.uid;
    await registry.create(earlier);
    await start();
    await addPod("p", { cpu: "500m" });
    await waitFor(() => nodeOf("p") !== undefined, "p placed");
    expect(nodeOf("p")).toBe("n2");
  });

  it("stops placing pods on a node once it is deleted", async () => {
    await addNode("gone");
    await addNode("kept", { cpu: "1" });
    await start();
    await registry.delete("Node", "", "gone");
    await addPod("p", { cpu: "1500m" });
    await waitFor(() => scheduled("p")?.status === "False", "p refused");
    expect(scheduled("p")?.message).toBe("0/1 nodes are available: 1 Insufficient cpu.");
  });
});
