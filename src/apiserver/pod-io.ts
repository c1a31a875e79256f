/**
 * A pod's logs and exec through the API server (pods/log, pods/exec), which proxies them to the
 * pod's kubelet. Kept apart from the Client interface: these are streams and commands, not objects.
 */
import { SlipwayError } from "../api/errors.js";
import type { HttpClientOptions } from "./http-client.js";
import { type HttpTarget, openRequest, readText, unreachable } from "./http-request.js";
import { errorFromStatus, failureStatus, isStatus } from "./status.js";

export interface PodLogOptions {
  /** Required when the pod has several containers. */
  container?: string;
  tailLines?: number;
  /** The attempt before the current one (after a restart). */
  previous?: boolean;
  /** Keep streaming new output until the container stops or `signal` aborts. */
  follow?: boolean;
  signal?: AbortSignal;
}

export interface PodExecOptions {
  container?: string;
  /** The command and its arguments; no shell is involved unless it names one. */
  command: string[];
}

export interface PodExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface PodIo {
  /**
   * The container's output, chunk by chunk (stdout and stderr interleaved). Errors (pod not found,
   * not scheduled, several containers) are thrown before the first chunk. An abort ends it quietly.
   */
  logs(namespace: string, pod: string, options?: PodLogOptions): Promise<AsyncIterable<Buffer>>;
  /** Runs a command in the container to its end (non-interactive: no stdin, no TTY). */
  exec(namespace: string, pod: string, options: PodExecOptions): Promise<PodExecResult>;
}

/** The HTTP implementation, with the same server, token and CA as createHttpClient. */
export function createPodIo(options: HttpClientOptions): PodIo {
  const target: HttpTarget = {
    base: new URL(options.server),
    token: options.token,
    ca: options.ca,
    timeoutMs: options.timeoutMs ?? 60_000,
  };
  const podPath = (namespace: string, pod: string, sub: string) =>
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/${sub}`;

  return {
    async logs(namespace, pod, logOptions = {}) {
      const params = new URLSearchParams();
      if (logOptions.container) params.set("container", logOptions.container);
      if (logOptions.tailLines !== undefined) params.set("tailLines", String(logOptions.tailLines));
      if (logOptions.previous) params.set("previous", "true");
      if (logOptions.follow) params.set("follow", "true");
      const search = params.size > 0 ? `?${params}` : "";
      const { signal } = logOptions;
      let request: { destroy(): void } | undefined;
      const onAbort = () => request?.destroy();
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const res = await openRequest(target, { method: "GET", path: podPath(namespace, pod, "log") + search }, (r) => {
          request = r;
        });
        const code = res.statusCode ?? 0;
        if (code < 200 || code >= 300) throw errorFromBody(code, await readText(target, res));
        return (async function* () {
          try {
            for await (const chunk of res) yield chunk as Buffer;
          } catch (error) {
            if (!signal?.aborted) throw unreachable(target, error);
          } finally {
            signal?.removeEventListener("abort", onAbort);
            res.destroy();
          }
        })();
      } catch (error) {
        signal?.removeEventListener("abort", onAbort);
        throw error;
      }
    },

    async exec(namespace, pod, { container, command }) {
      const params = new URLSearchParams();
      if (container) params.set("container", container);
      for (const part of command) params.append("command", part);
      // A command may run for long: wait for its answer without the usual limit.
      const res = await openRequest(target, {
        method: "POST",
        path: `${podPath(namespace, pod, "exec")}?${params}`,
        timeoutMs: 0,
      });
      const text = await readText(target, res);
      const code = res.statusCode ?? 0;
      if (code < 200 || code >= 300) throw errorFromBody(code, text);
      const body = JSON.parse(text) as Partial<PodExecResult>;
      if (typeof body.exitCode !== "number") {
        throw new SlipwayError("Internal", "the API server answered exec without an exit code");
      }
      return { exitCode: body.exitCode, stdout: body.stdout ?? "", stderr: body.stderr ?? "" };
    },
  };
}

function errorFromBody(code: number, text: string): SlipwayError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return errorFromStatus(
    isStatus(body) ? body : failureStatus(code, "", text.trim().slice(0, 200) || `HTTP ${code}`),
    code,
  );
}
