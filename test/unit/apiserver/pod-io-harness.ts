/**
 * The whole path of `logs` and `exec` in one process: a kubelet with its server over the
 * FakeRuntime, an API server in front of the same registry, and a PodIo pointed at the API server.
 */

import type { Pod } from "../../../src/api/types/index.js";
import { createPodIo, type PodIo } from "../../../src/apiserver/pod-io.js";
import { LABELS } from "../../../src/kubelet/index.js";
import type { FakeContainer } from "../../helpers/fake-runtime.js";
import { createPod, type Harness, newPod, podWhere, startHarness } from "../kubelet/kubelet-harness.js";
import { startTestServer, type TestServer, TOKEN } from "./harness.js";

export interface PodIoStack {
  h: Harness;
  api: TestServer;
  io: PodIo;
  close(): Promise<void>;
}

export async function startPodIoStack(): Promise<PodIoStack> {
  const h = await startHarness({ server: { token: TOKEN } });
  const api = await startTestServer(h.client);
  const io = createPodIo({ server: api.server.url, token: TOKEN });
  return {
    h,
    api,
    io,
    async close() {
      await api.close();
      h.cleanup();
      await h.kubelet.done;
    },
  };
}

/** Creates a pod and waits until it runs on the fake. */
export async function runningPod(
  h: Harness,
  name: string,
  containers = ["app"],
  restartPolicy: "Always" | "Never" = "Always",
): Promise<Pod> {
  const spec = { restartPolicy, containers: containers.map((c) => ({ name: c, image: "slipway.local/busybox:1" })) };
  await createPod(h.client, newPod(name, spec));
  return podWhere(h.client, name, "Running", (p) => p.status?.phase === "Running");
}

/** The newest attempt of a pod's container on the fake. */
export function currentContainer(h: Harness, pod: Pod, name = "app"): FakeContainer {
  const found = h.runtime
    .podContainers(pod.metadata.uid ?? "")
    .filter((c) => c.details.labels[LABELS.containerName] === name)
    .sort((a, b) => Number(b.details.labels[LABELS.attempt]) - Number(a.details.labels[LABELS.attempt]))[0];
  if (!found) throw new Error(`no container ${name}`);
  return found;
}
