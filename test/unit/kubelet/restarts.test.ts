import { afterEach, describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/types/index.js";
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
} from "./kubelet-harness.js";

let h: Harness;
afterEach(() => h?.cleanup());

function current(uid: string, name = "app") {
  return h.runtime
    .podContainers(uid)
    .filter((c) => c.details.labels[LABELS.containerName] === name)
    .sort((a, b) => Number(b.details.labels[LABELS.attempt]) - Number(a.details.labels[LABELS.attempt]))[0];
}

async function crash(pod: Pod, exitCode = 1, opts: { oomKilled?: boolean } = {}) {
  const uid = pod.metadata.uid ?? "";
  const c = current(uid);
  if (!c) throw new Error("no container");
  h.runtime.exit(c.details.id, exitCode, opts);
  await h.kubelet.resync();
}

const restarts = (p: Pod) => containerStatusOf(p)?.restartCount ?? -1;
const waitingReason = (p: Pod) => containerStatusOf(p)?.state?.waiting?.reason;

describe("restarting containers", () => {
  it("restarts a crashed container at once, then waits 10 s, then 20 s in CrashLoopBackOff", async () => {
    h = await startHarness();
    let pod = await createPod(h.client, newPod("crashy"));
    await podWhere(h.client, "crashy", "Running", (p) => p.status?.phase === "Running");

    await crash(pod);
    pod = await podWhere(h.client, "crashy", "first restart", (p) => restarts(p) === 1 && !waitingReason(p));
    expect(containerStatusOf(pod)?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: "Error" });

    await crash(pod);
    pod = await podWhere(h.client, "crashy", "CrashLoopBackOff", (p) => waitingReason(p) === "CrashLoopBackOff");
    expect(containerStatusOf(pod)?.state?.waiting?.message).toMatch(/^back-off 10s restarting failed container=app/);
    expect(restarts(pod)).toBe(1);
    expect(pod.status?.phase).toBe("Running");
    expect(conditionOf(pod, "Ready")).toBe("False");

    h.advance(9_999);
    await h.kubelet.resync();
    await h.kubelet.workers.idle(pod.metadata.uid ?? "");
    expect(restarts((await podWhere(h.client, "crashy", "read", () => true)) as Pod)).toBe(1);

    h.advance(1);
    await h.kubelet.resync();
    pod = await podWhere(h.client, "crashy", "second restart", (p) => restarts(p) === 2 && !waitingReason(p));

    await crash(pod);
    pod = await podWhere(h.client, "crashy", "longer back-off", (p) => waitingReason(p) === "CrashLoopBackOff");
    expect(containerStatusOf(pod)?.state?.waiting?.message).toMatch(/^back-off 20s /);
  });

  it("forgets the back-off after a container ran for 10 minutes", async () => {
    h = await startHarness();
    let pod = await createPod(h.client, newPod("steady"));
    await podWhere(h.client, "steady", "Running", (p) => p.status?.phase === "Running");
    await crash(pod);
    pod = await podWhere(h.client, "steady", "restart", (p) => restarts(p) === 1 && !waitingReason(p));
    h.advance(600_000);
    await crash(pod);
    pod = await podWhere(h.client, "steady", "restart without back-off", (p) => restarts(p) === 2 && !waitingReason(p));
    expect(pod.status?.phase).toBe("Running");
  });

  it("does not restart under restartPolicy Never, and reports Failed", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("once", { restartPolicy: "Never" }));
    await podWhere(h.client, "once", "Running", (p) => p.status?.phase === "Running");
    await crash(pod, 2);
    const done = await podWhere(h.client, "once", "Failed", (p) => p.status?.phase === "Failed");
    expect(containerStatusOf(done)?.state?.terminated).toMatchObject({ exitCode: 2, reason: "Error" });
    expect(h.runtime.callsOf("startContainer")).toHaveLength(1);
    expect(conditionOf(done, "Ready")).toBe("False");
    // A finished pod gives back its network and keeps its container for logs.
    await h.kubelet.resync();
    await h.kubelet.workers.idle(pod.metadata.uid ?? "");
    const states = h.runtime.podContainers(pod.metadata.uid ?? "").map((c) => c.details.state);
    expect(states).toEqual(["exited", "exited"]);
    expect(h.runtime.callsOf("startContainer")).toHaveLength(1);
  });

  it("under OnFailure, completes on exit 0 and reports Succeeded", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("job", { restartPolicy: "OnFailure" }));
    await podWhere(h.client, "job", "Running", (p) => p.status?.phase === "Running");
    await crash(pod, 0);
    const done = await podWhere(h.client, "job", "Succeeded", (p) => p.status?.phase === "Succeeded");
    expect(containerStatusOf(done)?.state?.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
  });

  it("reports OOMKilled in the last state of a restarted container", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("hungry"));
    await podWhere(h.client, "hungry", "Running", (p) => p.status?.phase === "Running");
    await crash(pod, 137, { oomKilled: true });
    const after = await podWhere(h.client, "hungry", "restart", (p) => restarts(p) === 1);
    expect(containerStatusOf(after)?.lastState?.terminated).toMatchObject({ exitCode: 137, reason: "OOMKilled" });
  });

  it("recreates a container removed from outside with its restart count one higher", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("fragile"));
    await podWhere(h.client, "fragile", "Running", (p) => p.status?.phase === "Running");
    const before = current(pod.metadata.uid ?? "");
    h.runtime.removeExternally(before?.details.id ?? "");
    await h.kubelet.resync();
    const after = await podWhere(
      h.client,
      "fragile",
      "recreated",
      (p) => restarts(p) === 1 && conditionOf(p, "Ready") === "True",
    );
    expect(containerStatusOf(after)?.containerID).not.toBe(`docker://${before?.details.id}`);
  });

  it("replaces a container whose spec changed (a new image)", async () => {
    h = await startHarness();
    h.runtime.images.add("slipway.local/busybox:2");
    const pod = await createPod(h.client, newPod("upgrade"));
    const running = await podWhere(h.client, "upgrade", "Running", (p) => p.status?.phase === "Running");
    const changed = structuredClone(running);
    const first = changed.spec.containers[0];
    if (first) first.image = "slipway.local/busybox:2";
    await h.client.update(changed);
    const after = await podWhere(
      h.client,
      "upgrade",
      "new image",
      (p) => containerStatusOf(p)?.image === "slipway.local/busybox:2" && !!containerStatusOf(p)?.state?.running,
    );
    expect(restarts(after)).toBe(1);
    expect(h.runtime.callsOf("createSandbox")).toHaveLength(1);
    expect(pod.metadata.uid).toBe(after.metadata.uid);
  });
});

describe("pulling images", () => {
  it("reports ErrImagePull, then ImagePullBackOff until the back-off passes, then pulls again", async () => {
    h = await startHarness();
    await createPod(h.client, newPod("nopull", { containers: [{ name: "app", image: "slipway.invalid/nope:1" }] }));
    let pod = await podWhere(h.client, "nopull", "ErrImagePull", (p) => waitingReason(p) === "ErrImagePull");
    expect(containerStatusOf(pod)?.state?.waiting?.message).toContain("slipway.invalid/nope:1");
    expect(pod.status?.phase).toBe("Pending");
    await h.kubelet.resync();
    pod = await podWhere(h.client, "nopull", "ImagePullBackOff", (p) => waitingReason(p) === "ImagePullBackOff");
    expect(containerStatusOf(pod)?.state?.waiting?.message).toBe('Back-off pulling image "slipway.invalid/nope:1"');
    const pulls = h.runtime.callsOf("ensureImage").length;
    h.runtime.pullable.add("slipway.invalid/nope:1");
    h.advance(10_000);
    await h.kubelet.resync();
    pod = await podWhere(h.client, "nopull", "Running", (p) => p.status?.phase === "Running");
    expect(h.runtime.callsOf("ensureImage").length).toBe(pulls + 1);
  });

  it("reports ErrImageNeverPull for a missing image under imagePullPolicy Never", async () => {
    h = await startHarness();
    await createPod(
      h.client,
      newPod("never", { containers: [{ name: "app", image: "local/missing:1", imagePullPolicy: "Never" }] }),
    );
    await podWhere(h.client, "never", "ErrImageNeverPull", (p) => waitingReason(p) === "ErrImageNeverPull");
  });
});

describe("keeping an image present", () => {
  it("uses the present image without pulling under IfNotPresent", async () => {
    h = await startHarness();
    await createPod(
      h.client,
      newPod("present", { containers: [{ name: "app", image: IMAGE, imagePullPolicy: "IfNotPresent" }] }),
    );
    await podWhere(h.client, "present", "Running", (p) => p.status?.phase === "Running");
    expect(h.runtime.callsOf("ensureImage")).toEqual([[IMAGE, "IfNotPresent"]]);
  });
});
