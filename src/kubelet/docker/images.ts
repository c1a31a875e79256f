/** Image presence and pulls, as imagePullPolicy decides. Pulls go only through Docker's pull API. */
import { isSlipwayError } from "../../api/errors.js";
import type { EnsureImageResult, PullPolicy } from "../runtime/container-runtime.js";
import { decidePull, neverPullMessage } from "../runtime/pull-policy.js";
import type { DockerClient } from "./client.js";
import { dockerMessage } from "./errors.js";

export async function imagePresent(client: DockerClient, image: string): Promise<boolean> {
  try {
    await client.call(`inspect image ${image}`, (d) => d.getImage(image).inspect());
    return true;
  } catch (error) {
    if (isSlipwayError(error, "NotFound")) return false;
    throw error;
  }
}

/** How long a pull may take before it is an ErrImagePull, like the kubelet's runtime request timeout. */
export const DEFAULT_PULL_TIMEOUT_MS = 120_000;

/**
 * Never throws for an image that is missing or cannot be pulled: that is ErrImagePull (with
 * Docker's message) or ErrImageNeverPull. Throws only when the engine itself fails.
 */
export async function ensureImage(
  client: DockerClient,
  image: string,
  policy: PullPolicy,
  pullTimeoutMs = DEFAULT_PULL_TIMEOUT_MS,
): Promise<EnsureImageResult> {
  const present = policy === "Always" ? false : await imagePresent(client, image);
  const decision = decidePull(policy, present);
  if (decision === "use-present") return { ok: true, image, pulled: false };
  if (decision === "fail-never-pull") {
    return { ok: false, image, reason: "ErrImageNeverPull", message: neverPullMessage(image) };
  }
  try {
    await pull(client, image, pullTimeoutMs);
    return { ok: true, image, pulled: true };
  } catch (error) {
    if (isSlipwayError(error, "ServerUnreachable")) throw error;
    const message = isSlipwayError(error) ? error.message : dockerMessage(error);
    return { ok: false, image, reason: "ErrImagePull", message };
  }
}

/** Pulls and waits for the end of the progress stream; errors reported inside the stream count too. */
async function pull(client: DockerClient, image: string, timeoutMs: number): Promise<void> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const timedOut = () => new Error(`pulling ${image} timed out after ${timeoutMs / 1000} s`);
  try {
    const stream = (await client
      .call(`pull ${image}`, (d) => d.pull(image, { abortSignal: abort.signal }) as Promise<NodeJS.ReadableStream>)
      .catch((error: unknown) => {
        throw abort.signal.aborted ? timedOut() : error;
      })) as NodeJS.ReadableStream & { destroy(): void };
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        stream.destroy();
        reject(timedOut());
      };
      abort.signal.addEventListener("abort", onAbort, { once: true });
      client.docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[] = []) => {
        abort.signal.removeEventListener("abort", onAbort);
        const failed = output.find((event) => event.error);
        if (error) reject(abort.signal.aborted ? timedOut() : error);
        else if (failed?.error) reject(new Error(failed.error));
        else resolve();
      });
    });
  } finally {
    clearTimeout(timer);
  }
}
