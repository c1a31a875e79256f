import { afterEach, describe, expect, it } from "vitest";
import { LABELS } from "../../../src/kubelet/index.js";
import { FakeRuntime } from "../../helpers/fake-runtime.js";
import {
  createPod,
  getPod,
  type Harness,
  IMAGE,
  newPod,
  podWhere,
  START,
  startHarness,
  until,
} from "./kubelet-harness.js";

let h: Harness;
afterEach(() => h?.cleanup());

const twoContainers = {
  containers: [
    { name: "app", image: IMAGE },
    { name: "side", image: IMAGE },
  ],
};

describe("terminating a pod", () => {
  it("stops the containers with the grace period, removes them, then the sandbox, then deletes the pod", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("bye", { ...twoContainers, terminationGracePeriodSeconds: 7 }));
    await podWhere(h.client, "bye", "Running", (p) => p.status?.phase === "Running");
    const uid = pod.metadata.uid ?? "";
    const ids = h.runtime
      .podContainers(uid)
      .map((c) => ({ id: c.details.id, name: c.details.labels[LABELS.containerName] }));
    const sandbox = ids.find((c) => c.name === "POD")?.id;
    h.runtime.calls.length = 0;

    const marked = await h.client.delete("Pod", "default", "bye");
    expect(marked?.metadata.deletionTimestamp).toBeDefined();
    await until("the pod object is gone", async () => ((await getPod(h.client, "bye")) ? undefined : true));

    expect(h.runtime.podContainers(uid)).toEqual([]);
    const steps = h.runtime.calls
      .filter((c) => c.method === "stopContainer" || c.method === "removeContainer")
      .map((c) => [
        c.method,
        ids.find((i) => i.id === c.args[0])?.name,
        ...(c.method === "stopContainer" ? [c.args[1]] : []),
      ]);
    expect(steps.slice(0, 2)).toEqual(
      expect.arrayContaining([
        ["stopContainer", "app", 7],
        ["stopContainer", "side", 7],
      ]),
    );
    expect(steps.at(-1)).toEqual(["removeContainer", "POD"]);
    expect(steps.filter(([m]) => m === "removeContainer")).toHaveLength(3);
    expect(sandbox).toBeDefined();
  });

  it("uses the deletion's own grace period when it names one", async () => {
    h = await startHarness();
    await createPod(h.client, newPod("quick"));
    await podWhere(h.client, "quick", "Running", (p) => p.status?.phase === "Running");
    h.runtime.calls.length = 0;
    await h.client.delete("Pod", "default", "quick", { gracePeriodSeconds: 3 });
    await until("the pod object is gone", async () => ((await getPod(h.client, "quick")) ? undefined : true));
    expect(h.runtime.callsOf("stopContainer")[0]?.[1]).toBe(3);
  });

  it("removes the containers of a pod that disappears from the store at once", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("vanish"));
    await podWhere(h.client, "vanish", "Running", (p) => p.status?.phase === "Running");
    await h.client.delete("Pod", "default", "vanish", { gracePeriodSeconds: 0 });
    await until("containers removed", () =>
      h.runtime.podContainers(pod.metadata.uid ?? "").length === 0 ? true : undefined,
    );
  });
});

describe("adopting after a restart of the kubelet", () => {
  it("adopts running containers without creating anything again", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("kept", twoContainers));
    await podWhere(
      h.client,
      "kept",
      "Ready",
      (p) => p.status?.conditions?.find((c) => c.type === "Ready")?.status === "True",
    );
    await h.kubelet.workers.idle(pod.metadata.uid ?? "");
    h.stop();
    h.runtime.calls.length = 0;

    await h.restart();
    await h.kubelet.resync();
    await h.kubelet.workers.idle(pod.metadata.uid ?? "");
    expect(h.runtime.callsOf("createSandbox")).toEqual([]);
    expect(h.runtime.callsOf("startContainer")).toEqual([]);
    expect(h.runtime.callsOf("removeContainer")).toEqual([]);
    expect(h.runtime.podContainers(pod.metadata.uid ?? "")).toHaveLength(3);
  });

  it("replaces only the container whose spec drifted while the kubelet was down", async () => {
    h = await startHarness();
    h.runtime.images.add("slipway.local/busybox:2");
    const pod = await createPod(h.client, newPod("drift", twoContainers));
    const running = await podWhere(h.client, "drift", "Running", (p) => p.status?.phase === "Running");
    await h.kubelet.workers.idle(pod.metadata.uid ?? "");
    h.stop();
    const changed = structuredClone(running);
    const side = changed.spec.containers[1];
    if (side) side.image = "slipway.local/busybox:2";
    await h.client.update(changed);
    h.runtime.calls.length = 0;

    await h.restart();
    await podWhere(h.client, "drift", "new side image", (p) =>
      Boolean(
        p.status?.containerStatuses?.some(
          (s) => s.name === "side" && s.image === "slipway.local/busybox:2" && s.state?.running,
        ),
      ),
    );
    const started = h.runtime.callsOf("startContainer").map(([o]) => (o as { spec: { name: string } }).spec.name);
    expect(started).toEqual(["side"]);
    expect(h.runtime.callsOf("createSandbox")).toEqual([]);
  });

  it("removes labelled containers whose pod is gone and never touches unlabelled ones", async () => {
    const clock = { value: START };
    const runtime = new FakeRuntime({ images: [IMAGE], now: () => new Date(clock.value) });
    // Left over from an earlier life of this node: a pod the store no longer has.
    const orphanPod = { uid: "gone-uid", namespace: "default", name: "gone" };
    const sandbox = await runtime.createSandbox({ pod: orphanPod, node: "node-a", specHash: "x", attempt: 0 });
    await runtime.startContainer({
      sandbox,
      pod: orphanPod,
      node: "node-a",
      spec: { name: "app", image: IMAGE, specHash: "y", attempt: 0 },
    });
    // Another node's pod and a container Slipway did not create.
    const other = { uid: "other-uid", namespace: "default", name: "other" };
    await runtime.createSandbox({ pod: other, node: "node-b", specHash: "x", attempt: 0 });
    runtime.containers.set("foreign", {
      details: {
        id: "foreign",
        name: "postgres",
        image: "postgres",
        state: "running",
        labels: {},
        createdAt: 0,
        imageId: "",
        exitCode: 0,
        oomKilled: false,
      },
      logs: [],
      onTerm: { exitCode: 0 },
    });

    h = await startHarness({}, { runtime, clock });
    expect(runtime.podContainers("gone-uid")).toEqual([]);
    expect(runtime.podContainers("other-uid")).toHaveLength(1);
    expect(runtime.containers.has("foreign")).toBe(true);
  });
});
