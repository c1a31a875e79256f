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

function httpGet(host: string, port: number, path: string, headers: Record<string, string>, timeoutMs: number) {
  return new Promise<boolean>((resolve) => {
    const req = request({ host, port, path, method: "GET", headers, timeout: timeoutMs }, (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      resolve(code >= 200 && code < 400);
    });
    req.on("timeout", () => req.destroy(new Error("probe timed out")));
    req.on("error", () => resolve(false));
    req.end();
  });
}

function tcpConnect(host: string, port: number, timeoutMs: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** True when the probe passes. Never throws: an error running it is a failure. */
export async function runProbe(probe: Probe, ctx: ProbeContext): Promise<boolean> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  try {
    if (probe.exec) {
      const result = await ctx.runtime.exec(ctx.containerId, probe.exec.command ?? [], { timeoutMs });
      return !result.timedOut && result.exitCode === 0;
    }
    if (probe.httpGet) {
      const { host, path, httpHeaders = [] } = probe.httpGet;
      const headers = Object.fromEntries(httpHeaders.map((h) => [h.name, h.value]));
      const port = portNumber(probe.httpGet.port, ctx.container);
      return port > 0 && (await httpGet(host ?? ctx.podIP, port, path ?? "/", headers, timeoutMs));
    }
    if (probe.tcpSocket) {
      const port = portNumber(probe.tcpSocket.port, ctx.container);
      return port > 0 && (await tcpConnect(probe.tcpSocket.host ?? ctx.podIP, port, timeoutMs));
    }
  } catch {
    return false;
  }
  return false;
}
