import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { Node, Pod } from "../../../src/api/types/index.js";
import { waitFor } from "../../helpers/wait-for.js";
import { createPod, newPod, podWhere } from "../kubelet/kubelet-harness.js";
import { TOKEN } from "./harness.js";
import { currentContainer, type PodIoStack, runningPod, startPodIoStack } from "./pod-io-harness.js";

let s: PodIoStack;
afterEach(async () => {
  await s?.close();
});

async function text(stream: AsyncIterable<Buffer>): Promise<string> {
  let out = "";
  for await (const chunk of stream) out += chunk.toString("utf8");
  return out;
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error("expected a failure");
}

describe("pods/log and pods/exec through the API server", () => {
  it("proxies a pod's logs to its kubelet, with tailLines and previous", async () => {
    s = await startPodIoStack();
    const pod = await runningPod(s.h, "web");
    const first = currentContainer(s.h, pod).details.id;
    for (const line of ["a\n", "b\n", "c\n"]) s.h.runtime.writeLog(first, line);

    expect(await text(await s.io.logs("default", "web"))).toBe("a\nb\nc\n");
    expect(await text(await s.io.logs("default", "web", { tailLines: 1 }))).toBe("c\n");

    s.h.runtime.exit(first, 2);
    await s.h.kubelet.resync();
    await podWhere(s.h.client, "web", "restarted", (p) => p.status?.containerStatuses?.[0]?.restartCount === 1);
    expect(await text(await s.io.logs("default", "web", { previous: true }))).toBe("a\nb\nc\n");
    expect(await text(await s.io.logs("default", "web"))).toBe("");
  });

  it("answers text/plain on the Kubernetes path", async () => {
    s = await startPodIoStack();
    const pod = await runningPod(s.h, "web");
    s.h.runtime.writeLog(currentContainer(s.h, pod).details.id, "hello\n");
    const res = await s.api.request("/api/v1/namespaces/default/pods/web/log?container=app");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("hello\n");
  });

  it("streams followed logs until the reader aborts, and stops the kubelet's follow", async () => {
    s = await startPodIoStack();
    const pod = await runningPod(s.h, "web");
    const id = currentContainer(s.h, pod).details.id;
    s.h.runtime.writeLog(id, "first\n");
    const controller = new AbortController();
    const stream = await s.io.logs("default", "web", { follow: true, signal: controller.signal });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream) seen.push(chunk.toString("utf8"));
    })();
    await waitFor(() => seen.join("") === "first\n", "the first line");
    s.h.runtime.writeLog(id, "second\n");
    await waitFor(() => seen.join("") === "first\nsecond\n", "the line written while following");
    controller.abort();
    await reading;
    const followed = s.h.runtime.callsOf("followLogs")[0]?.[1] as { signal: AbortSignal };
    await waitFor(() => followed.signal.aborted, "the kubelet's follow to stop");
  });

  it("runs a command through the kubelet and gives back its exit code and output", async () => {
    s = await startPodIoStack();
    await runningPod(s.h, "web");
    s.h.runtime.execHandler = (_c, cmd) => ({ exitCode: 3, stdout: "hi\n", stderr: cmd.join("|") });
    expect(await s.io.exec("default", "web", { command: ["sh", "-c", "echo hi; exit 3"] })).toEqual({
      exitCode: 3,
      stdout: "hi\n",
      stderr: "sh|-c|echo hi; exit 3",
    });
  });

  it("asks for a container name when the pod has several, like kubectl", async () => {
    s = await startPodIoStack();
    await runningPod(s.h, "duo", ["a", "b"]);
    const error = await failure(s.io.logs("default", "duo"));
    expect(error).toMatchObject({
      code: "BadRequest",
      message: "a container name must be specified for pod duo, choose one of: [a b]",
    });
    expect(await failure(s.io.exec("default", "duo", { command: ["true"], container: "c" }))).toMatchObject({
      code: "BadRequest",
      message: "container c is not valid for pod duo",
    });
    expect(await text(await s.io.logs("default", "duo", { container: "b" }))).toBe("");
  });

  it("answers 404 for a missing pod and 400 for one not scheduled or not started", async () => {
    s = await startPodIoStack();
    expect(await failure(s.io.logs("default", "ghost"))).toMatchObject({ code: "NotFound" });
    const missing = await s.api.request("/api/v1/namespaces/default/pods/ghost/log");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ kind: "Status", reason: "NotFound" });

    await createPod(s.h.client, { ...newPod("pending"), spec: { containers: [{ name: "app", image: "x" }] } } as Pod);
    expect(await failure(s.io.logs("default", "pending"))).toMatchObject({
      code: "BadRequest",
      message: "pod pending does not have a host assigned",
    });
    expect(await failure(s.io.exec("default", "pending", { command: ["true"] }))).toMatchObject({
      code: "BadRequest",
    });

    // Bound to a node whose kubelet never ran: no status yet, so the container is waiting to start.
    await createPod(s.h.client, newPod("elsewhere", {}, "node-z"));
    expect(await failure(s.io.logs("default", "elsewhere"))).toMatchObject({
      code: "BadRequest",
      message: 'container "app" in pod "elsewhere" is waiting to start: ContainerCreating',
    });
  });

  it("answers 503 when the pod's node serves no kubelet endpoint", async () => {
    s = await startPodIoStack();
    await runningPod(s.h, "web");
    const node = (await s.h.client.get("Node", "", "node-a")) as Node;
    const { daemonEndpoints: _, ...status } = node.status ?? {};
    await s.h.client.updateStatus({ ...node, status });
    const res = await s.api.request("/api/v1/namespaces/default/pods/web/log");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ reason: "ServiceUnavailable" });
  });

  it("refuses kubectl's interactive exec upgrade and exec without a command", async () => {
    s = await startPodIoStack();
    await runningPod(s.h, "web");
    // fetch may not send Upgrade: node:http does, as kubectl's SPDY client would.
    const upgrade = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${s.api.server.url}/api/v1/namespaces/default/pods/web/exec?command=sh`,
        { method: "POST", headers: { Authorization: `Bearer ${TOKEN}`, Connection: "Upgrade", Upgrade: "SPDY/3.1" } },
        (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(upgrade.status).toBe(400);
    expect(upgrade.body).toMatch(/not served/);
    expect(await failure(s.io.exec("default", "web", { command: [] }))).toMatchObject({
      message: "you must specify at least one command for the container",
    });
  });
});
