import { createDockerClient, DEFAULT_POD_NETWORK } from "../kubelet/docker/index.js";
import { ensureNetwork } from "../kubelet/docker/sandbox.js";

/**
 * The gateway address of the pod bridge network on this host (creating the network as the kubelet
 * would, if it is not there yet): pods and host processes both reach it, so the cluster-IP
 * listeners bind there.
 */
export async function podNetworkGateway(network: string = DEFAULT_POD_NETWORK): Promise<string> {
  const client = createDockerClient();
  await ensureNetwork(client, network);
  const info = await client.call(`inspect network ${network}`, (d) => d.getNetwork(network).inspect());
  const config = (info as { IPAM?: { Config?: { Gateway?: string }[] } }).IPAM?.Config ?? [];
  const gateway = config.map((c) => c.Gateway).find((g) => g && !g.includes(":"));
  if (!gateway) throw new Error(`Docker network ${network} has no IPv4 gateway`);
  return gateway;
}
