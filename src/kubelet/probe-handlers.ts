/**
 * Runs one probe once: exec in the container (exit 0 passes), an HTTP GET against the pod IP (a
 * status from 200 to 399 passes) or a TCP connect. Every attempt is bounded by timeoutSeconds and a
 * timeout is a failure, as in Kubernetes.
 */
import { request } from "node:http";
import { connect } from "node:net";
import type { Container, Probe } from "../api/types/container.js";
import type { ContainerRuntime } from "./runtime/container-runtime.js";

export interface ProbeContext {
  runtime: ContainerRuntime;
  containerId: string;
  container: Container;
  podIP: string;
}

/** A named port is looked up among the container's ports. */
function portNumber(port: number | string, container: Container): number {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort ?? -1;
}

/** A probe's result; `output` says why it failed, in the kubelet's wording ("HTTP probe failed with statuscode: 503"). */
export interface ProbeOutcome {
  ok: boolean;
  output: string;
}

const passed: ProbeOutcome = { ok: true, output: "" };
const failed = (output: string): ProbeOutcome => ({ ok: false, output });

function httpGet(host: string, port: number, path: string, headers: Record<string, string>, timeoutMs: number) {
  const url = `http://${host}:${port}${path}`;
  return new Promise<ProbeOutcome>((resolve) => {
    const req = request({ host, port, path, method: "GET", headers, timeout: timeoutMs }, (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      resolve(code >= 200 && code < 400 ? passed : failed(`HTTP probe failed with statuscode: ${code}`));
    });
    req.on("timeout", () => req.destroy(new Error("context deadline exceeded")));
    req.on("error", (error) => resolve(failed(`Get "${url}": ${error.message}`)));
    req.end();
  });
}

function tcpConnect(host: string, port: number, timeoutMs: number) {
  return new Promise<ProbeOutcome>((resolve) => {
    const socket = connect({ host, port });
    const done = (outcome: ProbeOutcome) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(timeoutMs, () => done(failed(`dial tcp ${host}:${port}: i/o timeout`)));
    socket.once("connect", () => done(passed));
    socket.once("error", (error) => done(failed(`dial tcp ${host}:${port}: ${error.message}`)));
  });
}

/** Runs the probe once and says why it failed. Never throws: an error running it is a failure. */
export async function probeOutcome(probe: Probe, ctx: ProbeContext): Promise<ProbeOutcome> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  try {
    if (probe.exec) {
      const result = await ctx.runtime.exec(ctx.containerId, probe.exec.command ?? [], { timeoutMs });
      if (result.timedOut) return failed(`command timed out after ${timeoutMs / 1000}s`);
      return result.exitCode === 0 ? passed : failed(`${result.stdout}${result.stderr}`.trim());
    }
    if (probe.httpGet) {
      const { host, path, httpHeaders = [] } = probe.httpGet;
      const headers = Object.fromEntries(httpHeaders.map((h) => [h.name, h.value]));
      const port = portNumber(probe.httpGet.port, ctx.container);
      if (port <= 0) return failed(`no port ${String(probe.httpGet.port)} in container ${ctx.container.name}`);
      return await httpGet(host ?? ctx.podIP, port, path ?? "/", headers, timeoutMs);
    }
    if (probe.tcpSocket) {
      const port = portNumber(probe.tcpSocket.port, ctx.container);
      if (port <= 0) return failed(`no port ${String(probe.tcpSocket.port)} in container ${ctx.container.name}`);
      return await tcpConnect(probe.tcpSocket.host ?? ctx.podIP, port, timeoutMs);
    }
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
  return failed("probe has no handler");
}

/** True when the probe passes. Never throws: an error running it is a failure. */
export async function runProbe(probe: Probe, ctx: ProbeContext): Promise<boolean> {
  return (await probeOutcome(probe, ctx)).ok;
}
