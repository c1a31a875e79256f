/**
 * Pod sandboxes: the pause container that owns a pod's network namespace (and so its IP) on a
 * user-defined bridge network, which is created when absent.
 */
import { isSlipwayError } from "../../api/errors.js";
import type { Sandbox, SandboxSpec } from "../runtime/container-runtime.js";
import type { DockerClient } from "./client.js";
import { sandboxCreateOptions } from "./create-options.js";

/** Labels the network Slipway creates, so cleanup can find it. */
export const NETWORK_LABEL = "io.slipway.network";

/** Creates the bridge network `name` unless a network of that name exists. Safe to call concurrently. */
export async function ensureNetwork(client: DockerClient, name: string): Promise<void> {
  const existing = await client.call(`list networks`, (d) => d.listNetworks({ filters: { name: [name] } }));
  // The name filter matches substrings: look for the exact name.
  if (existing.some((n) => n.Name === name)) return;
  try {
    await client.call(`create network ${name}`, (d) =>
      d.createNetwork({ Name: name, Driver: "bridge", CheckDuplicate: true, Labels: { [NETWORK_LABEL]: "true" } }),
    );
  } catch (error) {
    // Another caller created it first.
    if (!isSlipwayError(error, "Conflict")) throw error;
  }
}

export interface CreateSandboxContext {
  network: string;
  pauseImage: string;
}

/** Creates and starts the sandbox; removes it again if it cannot start. */
export async function createSandbox(
  client: DockerClient,
  spec: SandboxSpec,
  context: CreateSandboxContext,
): Promise<Sandbox> {
  const options = sandboxCreateOptions(spec, context);
  const name = options.name ?? "";
  const container = await client.call(`create sandbox ${name}`, (d) => d.createContainer(options));
  try {
    await client.call(`start sandbox ${name}`, () => container.start());
    const details = await client.call(`inspect sandbox ${name}`, () => container.inspect());
    const ip = details.NetworkSettings.Networks[context.network]?.IPAddress;
    if (!ip) throw new Error(`sandbox ${name} has no IP on network ${context.network}`);
    return { id: container.id, name, ip };
  } catch (error) {
    await client.call(`remove sandbox ${name}`, () => container.remove({ force: true })).catch(() => {});
    throw error;
  }
}
