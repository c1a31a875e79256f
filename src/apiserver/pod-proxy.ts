/**
 * A pod's `log` and `exec` subresources, proxied to the kubelet of the pod's node as Kubernetes'
 * API server does: the pod may run on another machine, so no client talks to Docker itself.
 *
 * - `GET  .../pods/<name>/log?container=&tailLines=&follow=&previous=`: text/plain, streamed while
 *   following, until the container stops or the client disconnects.
 * - `POST .../pods/<name>/exec?container=&command=sh&command=-c&command=...`: runs the command to its
 *   end and answers Slipway's JSON `{ exitCode, stdout, stderr }`. kubectl exec's SPDY/WebSocket
 *   upgrade (an interactive stream) is not served.
 *
 * The container defaults to the pod's only container; several need `container`, as kubectl says.
 * The kubelet is reached at the node's first InternalIP and status.daemonEndpoints.kubeletEndpoint,
 * with the same bearer token the API server requires (one engine, one token).
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { Client } from "../api/client.js";
import { isSlipwayError, SlipwayError } from "../api/errors.js";
import type { Node } from "../api/types/node.js";
import type { Pod } from "../api/types/pod.js";
import { HttpStatusError } from "./http-io.js";
import { failureStatus } from "./status.js";

export interface PodProxyRequest {
  client: Client;
  /** The bearer token the kubelet requires. */
  token: string;
  req: IncomingMessage;
  res: ServerResponse;
  namespace: string;
  name: string;
  subresource: "log" | "exec";
  query: URLSearchParams;
}

/** Answers the request; errors before the kubelet answers are thrown for the server's Status. */
export async function proxyPodSubresource(request: PodProxyRequest): Promise<void> {
  const { client, req, namespace, name, subresource, query } = request;
  req.resume();
  const method = req.method ?? "GET";
  if (req.headers.upgrade) {
    throw new SlipwayError("BadRequest", "interactive exec (SPDY/WebSocket upgrade) is not served", {
      hint: "use `slipway exec POD -- CMD`, which runs the command to its end",
    });
  }
  if (method !== (subresource === "log" ? "GET" : "POST")) {
    throw new SlipwayError("MethodNotAllowed", `pods/${subresource} takes ${subresource === "log" ? "GET" : "POST"}`);
  }
  const pod = (await client.get("Pod", namespace, name)) as Pod;
  const container = chooseContainer(pod, query.get("container"));
  const nodeName = pod.spec.nodeName;
  if (!nodeName) throw new SlipwayError("BadRequest", `pod ${name} does not have a host assigned`);
  const status = pod.status?.containerStatuses?.find((s) => s.name === container);
  const path = `/${[namespace, name, container].map(encodeURIComponent).join("/")}`;
  if (subresource === "log") {
    const previous = query.get("previous") === "true";
    if (!previous && !status?.state?.running && !status?.state?.terminated && !status?.lastState?.terminated) {
      const reason = status?.state?.waiting?.reason ?? "ContainerCreating";
      throw new SlipwayError("BadRequest", `container "${container}" in pod "${name}" is waiting to start: ${reason}`);
    }
    const params = new URLSearchParams();
    for (const key of ["tailLines", "follow", "previous"]) {
      const value = query.get(key);
      if (value !== null && value !== "") params.set(key, value);
    }
    const search = params.size > 0 ? `?${params}` : "";
    return forward(request, await kubeletUrl(client, nodeName, `/containerLogs${path}${search}`), "GET");
  }
  const command = query.getAll("command");
  if (command.length === 0) {
    throw new SlipwayError("BadRequest", "you must specify at least one command for the container");
  }
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") {
    throw new SlipwayError("BadRequest", `cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  if (!status?.state?.running)
    throw new SlipwayError("BadRequest", `container ${container} is not running in pod ${name}`);
  return forward(request, await kubeletUrl(client, nodeName, `/exec${path}`), "POST", { command });
}

/** The container asked for, or the only one; kubectl's words when that is ambiguous or wrong. */
export function chooseContainer(pod: Pod, asked: string | null): string {
  const names = pod.spec.containers.map((c) => c.name);
  const podName = pod.metadata.name ?? "";
  if (asked) {
    if (!names.includes(asked)) {
      throw new SlipwayError("BadRequest", `container ${asked} is not valid for pod ${podName}`);
    }
    return asked;
  }
  if (names.length === 1 && names[0] !== undefined) return names[0];
  throw new SlipwayError(
    "BadRequest",
    `a container name must be specified for pod ${podName}, choose one of: [${names.join(" ")}]`,
  );
}

async function kubeletUrl(client: Client, nodeName: string, path: string): Promise<URL> {
  let node: Node;
  try {
    node = (await client.get("Node", "", nodeName)) as Node;
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) throw unavailable(`node ${nodeName} is not registered`);
    throw error;
  }
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port;
  const addresses = node.status?.addresses ?? [];
  const host = (addresses.find((a) => a.type === "InternalIP") ?? addresses.find((a) => a.type === "Hostname"))
    ?.address;
  if (!port || !host) throw unavailable(`the kubelet of node ${nodeName} serves no logs or exec endpoint`);
  return new URL(path, `http://${host.includes(":") ? `[${host}]` : host}:${port}`);
}

function unavailable(message: string): HttpStatusError {
  return new HttpStatusError(failureStatus(503, "ServiceUnavailable", message));
}

/** Sends the request to the kubelet and pipes its answer back, status code included. */
function forward(request: PodProxyRequest, url: URL, method: string, body?: unknown): Promise<void> {
  const { res, token } = request;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (payload !== undefined) {
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(payload));
  }
  return new Promise<void>((resolve, reject) => {
    const upstream = httpRequest(url, { method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, {
        "Content-Type": answer.headers["content-type"] ?? "text/plain",
        "Cache-Control": "no-cache, private",
      });
      res.flushHeaders();
      answer.on("data", (chunk: Buffer) => {
        // Backpressure: a client that stops reading pauses the kubelet's stream.
        if (!res.write(chunk)) {
          answer.pause();
          res.once("drain", () => answer.resume());
        }
      });
      answer.on("end", () => {
        res.end();
        resolve();
      });
      answer.on("error", () => {
        res.destroy();
        resolve();
      });
    });
    // The client went away (Ctrl-C on `logs -f`): stop following on the kubelet too.
    res.on("close", () => {
      upstream.destroy();
      resolve();
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (res.headersSent) {
        res.destroy();
        resolve();
      } else reject(unavailable(`cannot reach the kubelet at ${url.host}: ${error.code ?? error.message}`));
    });
    upstream.end(payload);
  });
}
