/**
 * What every ContainerRuntime must do the same way, run against the recording fake (unit) and
 * the Docker runtime (e2e), so kubelet tests on the fake hold on the real engine.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSlipwayError } from "../../../src/api/errors.js";
import type {
  ContainerRuntime,
  ContainerSpec,
  PodRef,
  Sandbox,
} from "../../../src/kubelet/runtime/container-runtime.js";
import { LABELS } from "../../../src/kubelet/runtime/labels.js";
import { containerName, sandboxName } from "../../../src/kubelet/runtime/names.js";

export interface RuntimeHarness {
  runtime: ContainerRuntime;
  /** An image the runtime has. */
  presentImage: string;
  /** An image the runtime does not have and cannot pull. */
  missingImage: string;
  /** The node name to label containers with; cleanup removes everything carrying it. */
  node: string;
}

export function describeRuntimeContract(name: string, setup: () => Promise<RuntimeHarness>): void {
  describe(`${name} (runtime contract)`, () => {
    let h: RuntimeHarness;
    let pod: PodRef;
    let sandbox: Sandbox;

    function spec(extra: Partial<ContainerSpec> & { name: string }): ContainerSpec {
      return { image: h.presentImage, command: ["sleep", "3600"], specHash: "h", attempt: 0, ...extra };
    }

    async function start(p: PodRef, s: Sandbox, extra: Partial<ContainerSpec> & { name: string }) {
      const result = await h.runtime.startContainer({ sandbox: s, pod: p, node: h.node, spec: spec(extra) });
      if (!result.ok) throw new Error(result.message);
      return result;
    }

    beforeAll(async () => {
      h = await setup();
      pod = { uid: randomUUID(), namespace: "contract", name: "pod-a" };
      sandbox = await h.runtime.createSandbox({ pod, node: h.node, specHash: "s", attempt: 0, labels: { tier: "x" } });
    });

    afterAll(async () => {
      const mine = await h.runtime.listContainers({ [LABELS.node]: h.node });
      await Promise.all(mine.map((c) => h.runtime.removeContainer(c.id)));
    });

    it("gives a sandbox an IP, its name and its labels", async () => {
      expect(sandbox.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(sandbox.name).toBe(sandboxName({ pod: pod.name, namespace: pod.namespace, uid: pod.uid, attempt: 0 }));
      const details = await h.runtime.inspect(sandbox.id);
      expect(details?.state).toBe("running");
      expect(details?.labels).toMatchObject({ tier: "x", [LABELS.containerName]: "POD", [LABELS.podUid]: pod.uid });
    });

    it("names and labels a started container and lists exactly the pod's containers", async () => {
      const started = await start(pod, sandbox, { name: "app", attempt: 2, specHash: "v1" });
      const other = { uid: randomUUID(), namespace: "contract", name: "pod-b" };
      await h.runtime.createSandbox({ pod: other, node: h.node, specHash: "s", attempt: 0 });
      expect(started.name).toBe(
        containerName({ container: "app", pod: "pod-a", namespace: "contract", uid: pod.uid, attempt: 2 }),
      );
      const list = await h.runtime.listContainers({ [LABELS.podUid]: pod.uid });
      expect(list.map((c) => c.id).sort()).toEqual([sandbox.id, started.id].sort());
      const app = list.find((c) => c.id === started.id);
      expect(app?.labels).toMatchObject({
        [LABELS.podNamespace]: "contract",
        [LABELS.podName]: "pod-a",
        [LABELS.containerName]: "app",
        [LABELS.node]: h.node,
        [LABELS.specHash]: "v1",
        [LABELS.attempt]: "2",
      });
      expect(app?.state).toBe("running");
    });

    it("lists by a label's presence when its value is undefined", async () => {
      const list = await h.runtime.listContainers({ [LABELS.node]: h.node, [LABELS.podUid]: undefined });
      expect(list.length).toBeGreaterThanOrEqual(3);
    });

    it("refuses a second container with the same name and attempt as a Conflict", async () => {
      await start(pod, sandbox, { name: "twice" });
      const second = h.runtime.startContainer({ sandbox, pod, node: h.node, spec: spec({ name: "twice" }) });
      await expect(second).rejects.toSatisfy((e: unknown) => isSlipwayError(e, "Conflict"));
    });

    it("refuses to create a container from an image that is not present as NotFound", async () => {
      const created = h.runtime.startContainer({
        sandbox,
        pod,
        node: h.node,
        spec: spec({ name: "no-image", image: h.missingImage }),
      });
      await expect(created).rejects.toSatisfy((e: unknown) => isSlipwayError(e, "NotFound"));
    });

    it("stops a running container, then stopping and removing it again are no-ops", async () => {
      const { id } = await start(pod, sandbox, { name: "stoppable" });
      await h.runtime.stopContainer(id, 1);
      expect((await h.runtime.inspect(id))?.state).toBe("exited");
      await h.runtime.stopContainer(id, 1);
      await h.runtime.removeContainer(id);
      await h.runtime.removeContainer(id);
      await h.runtime.stopContainer(id, 1);
      expect(await h.runtime.inspect(id)).toBeUndefined();
    });

    it("reports an unknown container as undefined from inspect", async () => {
      expect(await h.runtime.inspect("0123456789abcdef0123456789abcdef")).toBeUndefined();
    });

    it("refuses exec in a container that is not running as a Conflict", async () => {
      const { id } = await start(pod, sandbox, { name: "stopped" });
      await h.runtime.stopContainer(id, 0);
      await expect(h.runtime.exec(id, ["true"])).rejects.toSatisfy((e: unknown) => isSlipwayError(e, "Conflict"));
    });

    it("runs exec in a running container", async () => {
      const { id } = await start(pod, sandbox, { name: "exec" });
      expect(await h.runtime.exec(id, ["true"])).toMatchObject({ exitCode: 0, timedOut: false });
    });

    it("decides images by pull policy without throwing for a missing one", async () => {
      expect(await h.runtime.ensureImage(h.presentImage, "IfNotPresent")).toEqual({
        ok: true,
        image: h.presentImage,
        pulled: false,
      });
      expect(await h.runtime.ensureImage(h.missingImage, "Never")).toMatchObject({
        ok: false,
        reason: "ErrImageNeverPull",
      });
      expect(await h.runtime.ensureImage(h.missingImage, "IfNotPresent")).toMatchObject({
        ok: false,
        reason: "ErrImagePull",
      });
    });

    it("reports cpus and memory", async () => {
      const info = await h.runtime.info();
      expect(info.cpus).toBeGreaterThan(0);
      expect(info.memoryBytes).toBeGreaterThan(0);
    });
  });
}
