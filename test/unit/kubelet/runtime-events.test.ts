import { afterEach, describe, expect, it } from "vitest";
import type { Pod } from "../../../src/api/types/index.js";
import { LABELS } from "../../../src/kubelet/index.js";
import { containerStatusOf, createPod, type Harness, newPod, podWhere, startHarness } from "./kubelet-harness.js";

// The harness's periodic resync is an hour away: whatever happens here happens through events.
let h: Harness;
afterEach(() => h?.cleanup());

function appContainer(pod: Pod) {
  const uid = pod.metadata.uid ?? "";
  return h.runtime
    .podContainers(uid)
    .filter((c) => c.details.labels[LABELS.containerName] === "app")
    .sort((a, b) => Number(b.details.labels[LABELS.attempt]) - Number(a.details.labels[LABELS.attempt]))[0];
}

const restarts = (p: Pod) => containerStatusOf(p)?.restartCount ?? -1;
const running = (p: Pod) => containerStatusOf(p)?.state?.running !== undefined;

describe("kubelet reacting to runtime events", () => {
  it("recreates a container removed from outside without waiting for the resync", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("removed"));
    await podWhere(h.client, "removed", "Running", (p) => p.status?.phase === "Running");
    const first = appContainer(pod);
    h.runtime.removeExternally(first?.details.id ?? "");

    const healed = await podWhere(h.client, "removed", "replacement", (p) => restarts(p) === 1 && running(p));
    expect(appContainer(healed)?.details.id).not.toBe(first?.details.id);
    expect(appContainer(healed)?.details.state).toBe("running");
  });

  it("restarts a crashed container at once, and its second crash waits in CrashLoopBackOff", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("crashy"));
    await podWhere(h.client, "crashy", "Running", (p) => p.status?.phase === "Running");
    h.runtime.exit(appContainer(pod)?.details.id ?? "", 1);
    await podWhere(h.client, "crashy", "first restart", (p) => restarts(p) === 1 && running(p));

    h.runtime.exit(appContainer(pod)?.details.id ?? "", 1);
    const waiting = await podWhere(
      h.client,
      "crashy",
      "CrashLoopBackOff",
      (p) => containerStatusOf(p)?.state?.waiting?.reason === "CrashLoopBackOff",
    );
    expect(restarts(waiting)).toBe(1);
  });

  it("reports an OOM kill that the event announced", async () => {
    h = await startHarness();
    const pod = await createPod(h.client, newPod("hungry", { restartPolicy: "Never" }));
    await podWhere(h.client, "hungry", "Running", (p) => p.status?.phase === "Running");
    h.runtime.exit(appContainer(pod)?.details.id ?? "", 137, { oomKilled: true });
    const failed = await podWhere(h.client, "hungry", "Failed", (p) => p.status?.phase === "Failed");
    expect(containerStatusOf(failed)?.state?.terminated?.reason).toBe("OOMKilled");
  });

  it("watches only the containers of its own node, and stops watching when stopped", async () => {
    h = await startHarness();
    expect(h.runtime.callsOf("watchEvents")).toEqual([[{ [LABELS.node]: "node-a" }]]);
    expect(h.runtime.eventWatchers).toBe(1);
    h.stop();
    await h.kubelet.done;
    expect(h.runtime.eventWatchers).toBe(0);
  });
});
