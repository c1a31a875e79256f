import { afterEach, describe, expect, it } from "vitest";
import type { Event, Pod } from "../../../src/api/types/index.js";
import { EventSpamFilter, LABELS } from "../../../src/kubelet/index.js";
import { createPod, type Harness, IMAGE, newPod, podWhere, startHarness, until } from "./kubelet-harness.js";

let h: Harness;
afterEach(() => h?.cleanup());

/** The kubelet's events about `pod`, as `Reason: message` lines. */
async function eventsOf(pod: Pod): Promise<string[]> {
  const events = (await h.client.list("Event", { namespace: "default" })).items as Event[];
  return events
    .filter((e) => e.involvedObject.uid === pod.metadata.uid && e.source?.component === "kubelet")
    .map((e) => `${e.type} ${e.reason}: ${e.message}`);
}

/** Waits until the pod has an event matching every pattern. */
function eventsMatching(pod: Pod, ...patterns: RegExp[]): Promise<string[]> {
  return until(`events ${patterns.join(", ")}`, async () => {
    const lines = await eventsOf(pod);
    return patterns.every((p) => lines.some((l) => p.test(l))) ? lines : undefined;
  });
}

describe("kubelet events", () => {
  it("records Pulled, Created and Started for a container that starts", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("web"));
    await podWhere(h.client, "web", "Running", (p) => p.status?.phase === "Running");
    const lines = await eventsMatching(pod, /Started/);
    expect(lines).toEqual(
      expect.arrayContaining([
        `Normal Pulled: Container image "${IMAGE}" already present on machine`,
        "Normal Created: Created container app",
        "Normal Started: Started container app",
      ]),
    );
  });

  it("records Failed with ErrImagePull, then BackOff pulling the image", async () => {
    h = await startHarness({ pullBackOff: { initialMs: 1000 } });
    const image = "slipway.invalid/nope:1";
    const pod = await createPod(h.client, newPod("nope", { containers: [{ name: "app", image }] }));
    await podWhere(
      h.client,
      "nope",
      "ErrImagePull",
      (p) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason === "ErrImagePull",
    );
    await h.kubelet.resync();
    const lines = await eventsMatching(pod, /Error: ErrImagePull/, /BackOff/);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^Warning Failed: Failed to pull image "${image}": `)),
        "Warning Failed: Error: ErrImagePull",
        `Normal BackOff: Back-off pulling image "${image}"`,
      ]),
    );
  });

  it("records BackOff restarting a failed container in CrashLoopBackOff", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("crashy"));
    await podWhere(h.client, "crashy", "Running", (p) => p.status?.phase === "Running");
    for (let crash = 0; crash < 2; crash++) {
      const c = await until("a running container", () =>
        h.runtime
          .podContainers(pod.metadata.uid ?? "")
          .find((x) => x.details.labels[LABELS.containerName] === "app" && x.details.state === "running"),
      );
      h.runtime.exit(c.details.id, 1);
      await h.kubelet.resync();
    }
    const lines = await eventsMatching(pod, /BackOff/);
    expect(lines).toContain(
      `Warning BackOff: Back-off restarting failed container app in pod crashy_default(${pod.metadata.uid})`,
    );
  });

  it("records Unhealthy with the probe's output when readiness fails", async () => {
    h = await startHarness();
    h.runtime.execHandler = () => ({ exitCode: 1, stdout: "not ready yet\n" });
    const readinessProbe = { exec: { command: ["check"] }, periodSeconds: 1 };
    const pod = await createPod(
      h.client,
      newPod("probed", { containers: [{ name: "app", image: IMAGE, readinessProbe }] }),
    );
    await podWhere(h.client, "probed", "Running", (p) => p.status?.phase === "Running");
    const lines = await eventsMatching(pod, /Unhealthy/);
    expect(lines).toContain("Warning Unhealthy: Readiness probe failed: not ready yet");
  });

  it("records Killing for each running container of a pod being deleted", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("doomed"));
    await podWhere(
      h.client,
      "doomed",
      "Running",
      (p) => p.status?.containerStatuses?.[0]?.state?.running !== undefined,
    );
    await h.client.delete("Pod", "default", "doomed");
    const lines = await eventsMatching(pod, /Killing/);
    expect(lines).toContain("Normal Killing: Stopping container app");
  });
});

describe("EventSpamFilter", () => {
  it("allows a burst per pod, then one event per refill period", () => {
    const filter = new EventSpamFilter({ burst: 3, refillMs: 1000 });
    const allowed = (key: string, at: number) => filter.allow(key, at);
    expect([1, 2, 3, 4].map(() => allowed("pod-a", 0))).toEqual([true, true, true, false]);
    expect(allowed("pod-b", 0)).toBe(true);
    expect(allowed("pod-a", 999)).toBe(false);
    expect(allowed("pod-a", 1000)).toBe(true);
    expect(allowed("pod-a", 1500)).toBe(false);
    filter.forget("pod-a");
    expect(allowed("pod-a", 1500)).toBe(true);
  });
});
