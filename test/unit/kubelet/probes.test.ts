import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { Container } from "../../../src/api/types/index.js";
import { runProbe } from "../../../src/kubelet/index.js";
import { FakeRuntime } from "../../helpers/fake-runtime.js";
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

describe("probes", () => {
  it("readiness drives Ready and ContainersReady, after failureThreshold failures and successThreshold passes", async () => {
    h = await startHarness();
    let healthy = false;
    h.runtime.execHandler = (_c, cmd) => ({ exitCode: cmd[0] === "check" && healthy ? 0 : 1 });
    const probe = { exec: { command: ["check"] }, periodSeconds: 5, failureThreshold: 2, successThreshold: 2 };
    await createPod(h.client, newPod("probed", { containers: [{ name: "app", image: IMAGE, readinessProbe: probe }] }));
    let pod = await podWhere(h.client, "probed", "Running", (p) => p.status?.phase === "Running");
    expect(conditionOf(pod, "Ready")).toBe("False");
    expect(containerStatusOf(pod)?.ready).toBe(false);

    healthy = true;
    const runs = () => h.runtime.callsOf("exec").length;
    const before = runs();
    pod = await podWhere(h.client, "probed", "Ready", (p) => {
      h.advance(5_000);
      return conditionOf(p, "Ready") === "True";
    });
    // Two passes in a row were needed.
    expect(runs() - before).toBeGreaterThanOrEqual(2);
    expect(conditionOf(pod, "ContainersReady")).toBe("True");

    healthy = false;
    pod = await podWhere(h.client, "probed", "not Ready", (p) => {
      h.advance(5_000);
      return conditionOf(p, "Ready") === "False";
    });
    expect(containerStatusOf(pod)?.ready).toBe(false);
    expect(containerStatusOf(pod)?.restartCount).toBe(0);
  });

  it("a failing liveness probe restarts the container", async () => {
    h = await startHarness();
    h.runtime.execHandler = () => ({ exitCode: 1 });
    const probe = { exec: { command: ["alive"] }, periodSeconds: 1, failureThreshold: 3, initialDelaySeconds: 5 };
    await createPod(h.client, newPod("zombie", { containers: [{ name: "app", image: IMAGE, livenessProbe: probe }] }));
    await podWhere(h.client, "zombie", "Running", (p) => p.status?.phase === "Running");
    const pod = await podWhere(h.client, "zombie", "restarted", (p) => {
      h.advance(1_000);
      return (containerStatusOf(p)?.restartCount ?? 0) >= 1;
    });
    expect(containerStatusOf(pod)?.lastState?.terminated).toBeDefined();
  });

  it("holds back liveness and readiness until the startup probe passes", async () => {
    h = await startHarness();
    let startedUp = false;
    h.runtime.execHandler = (_c, cmd) => ({ exitCode: cmd[0] === "startup" ? (startedUp ? 0 : 1) : 0 });
    const container: Container = {
      name: "app",
      image: IMAGE,
      startupProbe: { exec: { command: ["startup"] }, periodSeconds: 1, failureThreshold: 1000 },
      readinessProbe: { exec: { command: ["ready"] }, periodSeconds: 1 },
    };
    await createPod(h.client, newPod("slow", { containers: [container] }));
    let pod = await podWhere(h.client, "slow", "Running", (p) => p.status?.phase === "Running");
    expect(containerStatusOf(pod)?.started).toBe(false);
    h.advance(1_000);
    await podWhere(h.client, "slow", "startup probed", () => h.runtime.callsOf("exec").length > 0);
    expect(h.runtime.callsOf("exec").every(([, cmd]) => (cmd as string[])[0] === "startup")).toBe(true);
    startedUp = true;
    pod = await podWhere(h.client, "slow", "Ready", (p) => {
      h.advance(1_000);
      return conditionOf(p, "Ready") === "True";
    });
    expect(containerStatusOf(pod)?.started).toBe(true);
  });
});

describe("probe handlers", () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  async function listen(status: number): Promise<number> {
    const s = createServer((_req, res) => {
      res.statusCode = status;
      res.end();
    });
    server = s;
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    return (s.address() as AddressInfo).port;
  }

  const ctx = (container: Container) => ({
    runtime: new FakeRuntime(),
    containerId: "x",
    container,
    podIP: "127.0.0.1",
  });

  it("httpGet passes on 2xx and 3xx and fails on 5xx, resolving named ports", async () => {
    const ok = await listen(204);
    const container: Container = { name: "c", image: IMAGE, ports: [{ name: "http", containerPort: ok }] };
    expect(await runProbe({ httpGet: { port: "http", path: "/healthz" } }, ctx(container))).toBe(true);
    server?.close();
    const bad = await listen(503);
    expect(await runProbe({ httpGet: { port: bad } }, ctx(container))).toBe(false);
  });

  it("tcpSocket passes when the port accepts and fails when nothing listens", async () => {
    const port = await listen(200);
    const container: Container = { name: "c", image: IMAGE };
    expect(await runProbe({ tcpSocket: { port } }, ctx(container))).toBe(true);
    server?.close();
    await new Promise((resolve) => server?.once("close", resolve));
    expect(await runProbe({ tcpSocket: { port } }, ctx(container))).toBe(false);
  });
});
