import { describe, expect, it } from "vitest";
import type { PodRef, Sandbox } from "../../../src/kubelet/runtime/container-runtime.js";
import { FakeRuntime } from "../../helpers/fake-runtime.js";
import { describeRuntimeContract } from "./runtime-contract.js";

describeRuntimeContract("FakeRuntime", async () => ({
  runtime: new FakeRuntime({ images: ["busybox:1"] }),
  presentImage: "busybox:1",
  missingImage: "slipway.invalid/nope:1",
  node: "fake-node",
}));

const pod: PodRef = { uid: "uid-1", namespace: "default", name: "web" };

async function podWithContainer(runtime: FakeRuntime, name = "app"): Promise<{ sandbox: Sandbox; id: string }> {
  const sandbox = await runtime.createSandbox({ pod, node: "n", specHash: "s", attempt: 0 });
  const result = await runtime.startContainer({
    sandbox,
    pod,
    node: "n",
    spec: { name, image: "busybox:1", specHash: "h", attempt: 0 },
  });
  return { sandbox, id: result.id };
}

describe("the fake runtime", () => {
  it("records every call with its arguments, in order", async () => {
    const runtime = new FakeRuntime({ images: ["busybox:1"] });
    await runtime.ensureImage("busybox:1", "IfNotPresent");
    const { id } = await podWithContainer(runtime);
    await runtime.stopContainer(id, 30);
    expect(runtime.calls.map((c) => c.method)).toEqual([
      "ensureImage",
      "createSandbox",
      "startContainer",
      "stopContainer",
    ]);
    expect(runtime.callsOf("stopContainer")).toEqual([[id, 30]]);
  });

  it("pulls only pullable images, and Always pulls even a present one", async () => {
    const runtime = new FakeRuntime({ images: ["a:1"], pullable: ["b:1", "a:1"] });
    expect(await runtime.ensureImage("b:1", "IfNotPresent")).toEqual({ ok: true, image: "b:1", pulled: true });
    expect(await runtime.ensureImage("b:1", "Never")).toEqual({ ok: true, image: "b:1", pulled: false });
    expect(await runtime.ensureImage("a:1", "Always")).toEqual({ ok: true, image: "a:1", pulled: true });
    expect(await runtime.ensureImage("c:1", "Always")).toMatchObject({ ok: false, reason: "ErrImagePull" });
  });

  it("lets a test crash, OOM-kill and externally remove containers", async () => {
    const runtime = new FakeRuntime({ images: ["busybox:1"], now: () => new Date("2026-01-01T00:00:00Z") });
    const { id } = await podWithContainer(runtime);
    runtime.exit(id, 137, { oomKilled: true });
    expect(await runtime.inspect(id)).toMatchObject({
      state: "exited",
      exitCode: 137,
      oomKilled: true,
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:00:00.000Z",
    });
    runtime.removeExternally(id);
    expect(await runtime.inspect(id)).toBeUndefined();
  });

  it("exits with 137 on stop when the container ignores SIGTERM", async () => {
    const runtime = new FakeRuntime({ images: ["busybox:1"] });
    const { id } = await podWithContainer(runtime);
    runtime.containers.get(id)!.onTerm = "ignore";
    await runtime.stopContainer(id, 5);
    expect((await runtime.inspect(id))?.exitCode).toBe(137);
  });

  it("fails the next call of a method when told to, once", async () => {
    const runtime = new FakeRuntime();
    runtime.failNext("listContainers");
    await expect(runtime.listContainers({})).rejects.toThrow("listContainers failed");
    await expect(runtime.listContainers({})).resolves.toEqual([]);
  });

  it("reports a start failure as RunContainerError and keeps the container", async () => {
    const runtime = new FakeRuntime({ images: ["busybox:1"] });
    runtime.startFailures.set("app", 'exec: "nope": executable file not found in $PATH');
    const { id } = await podWithContainer(runtime);
    expect(await runtime.inspect(id)).toMatchObject({ state: "created", exitCode: 128 });
  });

  it("answers exec through the test's handler", async () => {
    const runtime = new FakeRuntime({ images: ["busybox:1"] });
    const { id } = await podWithContainer(runtime);
    runtime.execHandler = (_c, cmd) => (cmd[0] === "fail" ? { exitCode: 1, stderr: "no" } : { stdout: "ok" });
    expect(await runtime.exec(id, ["fail"])).toEqual({ exitCode: 1, stdout: "", stderr: "no", timedOut: false });
    expect(await runtime.exec(id, ["x"])).toEqual({ exitCode: 0, stdout: "ok", stderr: "", timedOut: false });
  });

  it("gives logs with tail, and follows new lines until the container exits", async () => {
    const runtime = new FakeRuntime({ images: ["busybox:1"] });
    const { id } = await podWithContainer(runtime);
    runtime.writeLog(id, "one\n");
    runtime.writeLog(id, "two\n", "stderr");
    expect((await runtime.logs(id, { tail: 1 })).map((f) => f.data.toString())).toEqual(["two\n"]);
    const seen: string[] = [];
    const following = (async () => {
      for await (const frame of runtime.followLogs(id, { tail: 1 })) {
        seen.push(frame.data.toString());
        if (seen.length === 2) runtime.exit(id, 0);
      }
    })();
    runtime.writeLog(id, "three\n");
    await following;
    expect(seen).toEqual(["two\n", "three\n"]);
  });

  it("stops following logs when aborted", async () => {
    const runtime = new FakeRuntime({ images: ["busybox:1"] });
    const { id } = await podWithContainer(runtime);
    const abort = new AbortController();
    const following = (async () => {
      const seen: string[] = [];
      for await (const frame of runtime.followLogs(id, { signal: abort.signal })) seen.push(frame.data.toString());
      return seen;
    })();
    abort.abort();
    expect(await following).toEqual([]);
  });
});
