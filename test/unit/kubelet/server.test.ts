import { afterEach, describe, expect, it } from "vitest";
import type { Node } from "../../../src/api/types/index.js";
import { waitFor } from "../../helpers/wait-for.js";
import { currentContainer, runningPod } from "../apiserver/pod-io-harness.js";
import { type Harness, podWhere, startHarness } from "./kubelet-harness.js";

const TOKEN = "kubelet-test-token";
let h: Harness;
afterEach(async () => {
  h?.cleanup();
  await h?.kubelet.done;
});

function call(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = TOKEN, ...rest } = init;
  const url = `${h.kubelet.server?.url ?? "http://missing"}${path}`;
  return fetch(url, { ...rest, headers: token === null ? {} : { Authorization: `Bearer ${token}` } });
}

function execBody(command: unknown): RequestInit {
  return { method: "POST", body: JSON.stringify({ command }) };
}

describe("the kubelet server", () => {
  it("reports its port in daemonEndpoints and its loopback address first among the node's addresses", async () => {
    h = await startHarness({ server: { token: TOKEN } });
    const node = (await h.client.get("Node", "", "node-a")) as Node;
    expect(node.status?.daemonEndpoints?.kubeletEndpoint?.Port).toBe(h.kubelet.server?.port);
    expect(node.status?.addresses?.[0]).toEqual({ type: "InternalIP", address: "127.0.0.1" });
    expect(node.status?.addresses).toContainEqual({ type: "InternalIP", address: "192.0.2.10" });
  });

  it("is not started without a token, and the node then has no kubelet endpoint", async () => {
    h = await startHarness();
    expect(h.kubelet.server).toBeUndefined();
    const node = (await h.client.get("Node", "", "node-a")) as Node;
    expect(node.status?.daemonEndpoints).toBeUndefined();
  });

  it("refuses requests without the engine's token", async () => {
    h = await startHarness({ server: { token: TOKEN } });
    const pod = await runningPod(h, "web");
    h.runtime.writeLog(currentContainer(h, pod).details.id, "secret\n");
    expect((await call("/containerLogs/default/web/app", { token: null })).status).toBe(401);
    const wrong = await call("/containerLogs/default/web/app", { token: "wrong" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("secret");
  });

  it("serves the current container's logs, and only the last lines with tailLines", async () => {
    h = await startHarness({ server: { token: TOKEN } });
    const pod = await runningPod(h, "web");
    const id = currentContainer(h, pod).details.id;
    for (const line of ["one\n", "two\n", "three\n"]) h.runtime.writeLog(id, line);
    h.runtime.writeLog(id, "oops\n", "stderr");

    const all = await call("/containerLogs/default/web/app");
    expect(all.status).toBe(200);
    expect(all.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await all.text()).toBe("one\ntwo\nthree\noops\n");
    expect(await (await call("/containerLogs/default/web/app?tailLines=2")).text()).toBe("three\noops\n");
    expect((await call("/containerLogs/default/web/app?tailLines=-3")).status).toBe(400);
  });

  it("serves the previous attempt's logs after a restart, and 400 before there is one", async () => {
    h = await startHarness({ server: { token: TOKEN } });
    const pod = await runningPod(h, "web");
    const none = await call("/containerLogs/default/web/app?previous=true");
    expect(none.status).toBe(400);
    expect(((await none.json()) as { message: string }).message).toBe(
      'previous terminated container "app" in pod "web" not found',
    );

    const first = currentContainer(h, pod).details.id;
    h.runtime.writeLog(first, "before the crash\n");
    h.runtime.exit(first, 1);
    await h.kubelet.resync();
    await podWhere(h.client, "web", "restarted", (p) => p.status?.containerStatuses?.[0]?.restartCount === 1);
    h.runtime.writeLog(currentContainer(h, pod).details.id, "after\n");

    expect(await (await call("/containerLogs/default/web/app?previous=true")).text()).toBe("before the crash\n");
    expect(await (await call("/containerLogs/default/web/app")).text()).toBe("after\n");
  });

  it("follows the logs until the container stops", async () => {
    h = await startHarness({ server: { token: TOKEN } });
    const pod = await runningPod(h, "web");
    const id = currentContainer(h, pod).details.id;
    h.runtime.writeLog(id, "old\n");

    const res = await call("/containerLogs/default/web/app?follow=true");
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const read = async () => {
      const { value, done } = await reader.read();
      if (!done) text += decoder.decode(value);
      return done;
    };
    while (!text.includes("old\n")) await read();
    h.runtime.writeLog(id, "new\n");
    while (!text.includes("new\n")) await read();
    h.runtime.exit(id, 0);
    while (!(await read()));
    expect(text).toBe("old\nnew\n");
  });

  it("stops following when the client disconnects", async () => {
    h = await startHarness({ server: { token: TOKEN } });
    const pod = await runningPod(h, "web");
    h.runtime.writeLog(currentContainer(h, pod).details.id, "line\n");
    const controller = new AbortController();
    const res = await call("/containerLogs/default/web/app?follow=true", { signal: controller.signal });
    await res.body!.getReader().read();
    controller.abort();
    const followed = h.runtime.callsOf("followLogs")[0]?.[1] as { signal: AbortSignal };
    await waitFor(() => followed.signal.aborted, "the follow to stop");
  });

  it("runs a command and answers its exit code, stdout and stderr", async () => {
    h = await startHarness({ server: { token: TOKEN } });
    await runningPod(h, "web");
    h.runtime.execHandler = (_c, cmd) => ({ exitCode: 3, stdout: `ran ${cmd.join(" ")}\n`, stderr: "warn\n" });

    const res = await call("/exec/default/web/app", execBody(["sh", "-c", "exit 3"]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ exitCode: 3, stdout: "ran sh -c exit 3\n", stderr: "warn\n" });
  });

  it("answers Status errors for a bad exec body, an unknown container and a stopped one", async () => {
    h = await startHarness({ server: { token: TOKEN } });
    // Never restarted, so the container stays stopped once it exits (the kubelet reacts at once).
    const pod = await runningPod(h, "web", ["app"], "Never");
    const bad = await call("/exec/default/web/app", execBody([]));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ kind: "Status", status: "Failure", reason: "BadRequest" });
    expect((await call("/exec/default/web/nope", execBody(["true"]))).status).toBe(404);
    expect((await call("/containerLogs/default/other/app")).status).toBe(404);
    expect((await call("/exec/default/web/app", { method: "POST", body: "not json" })).status).toBe(400);
    expect((await call("/exec/default/web/app")).status).toBe(405);

    h.runtime.exit(currentContainer(h, pod).details.id, 0);
    const stopped = await call("/exec/default/web/app", execBody(["true"]));
    expect(stopped.status).toBe(400);
    expect(((await stopped.json()) as { message: string }).message).toBe("container app is not running in pod web");
  });
});
