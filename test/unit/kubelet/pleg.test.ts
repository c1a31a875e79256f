import { afterEach, describe, expect, it } from "vitest";
import { LABELS } from "../../../src/kubelet/index.js";
import { PodLifecycleRelister } from "../../../src/kubelet/pleg.js";
import { FakeRuntime } from "../../helpers/fake-runtime.js";
import {
  containerStatusOf,
  createPod,
  type Harness,
  IMAGE,
  newPod,
  podWhere,
  startHarness,
} from "./kubelet-harness.js";

async function runPod(runtime: FakeRuntime, uid: string, node = "n") {
  const pod = { uid, namespace: "default", name: uid };
  const sandbox = await runtime.createSandbox({ pod, node, specHash: "h", attempt: 0 });
  const started = await runtime.startContainer({
    sandbox,
    pod,
    node,
    spec: { name: "app", image: IMAGE, specHash: "h", attempt: 0 },
  });
  return started.id;
}

describe("PodLifecycleRelister", () => {
  it("reports nothing on the first relist, then the pods whose containers exited or disappeared", async () => {
    const runtime = new FakeRuntime({ images: [IMAGE] });
    const a = await runPod(runtime, "pod-a");
    const b = await runPod(runtime, "pod-b");
    await runPod(runtime, "elsewhere", "other-node");
    const pleg = new PodLifecycleRelister(runtime, "n");
    expect(await pleg.relist()).toEqual(new Set());
    expect(await pleg.relist()).toEqual(new Set());

    runtime.exit(a, 1);
    expect(await pleg.relist()).toEqual(new Set(["pod-a"]));
    runtime.removeExternally(b);
    expect(await pleg.relist()).toEqual(new Set(["pod-b"]));
    expect(await pleg.relist()).toEqual(new Set());
  });
});

describe("the kubelet's relist", () => {
  let h: Harness;
  afterEach(() => h?.cleanup());

  it("restarts a crashed container without waiting for the periodic resync", async () => {
    h = await startHarness({ plegMs: 5 });
    const pod = await createPod(h.client, newPod("crashy"));
    await podWhere(h.client, "crashy", "Running", (p) => containerStatusOf(p)?.state?.running !== undefined);
    const app = h.runtime
      .podContainers(pod.metadata.uid ?? "")
      .find((c) => c.details.labels[LABELS.containerName] === "app");
    h.runtime.exit(app?.details.id ?? "", 1);
    const restarted = await podWhere(h.client, "crashy", "restarted", (p) => containerStatusOf(p)?.restartCount === 1);
    expect(containerStatusOf(restarted)?.lastState?.terminated?.exitCode).toBe(1);
  });
});
