/**
 * `slipway agent`: only a kubelet, for another Docker host or a second node on this one, like
 * `k3s agent`. It reaches the store through the API server, so it needs the URL, the token and
 * (for https) the server's CA.
 */
import { createHttpClient } from "../../apiserver/index.js";
import { type ConnectOptions, resolveEndpoint } from "../connect.js";
import { runNodeAgent } from "../control-plane.js";

export interface AgentOptions extends ConnectOptions {
  nodeName: string;
  rootDir: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

export async function agentCommand({ nodeName, rootDir, log, signal, ...connect }: AgentOptions): Promise<void> {
  const endpoint = await resolveEndpoint(connect);
  const client = createHttpClient(endpoint);
  await client.list("Namespace"); // fails fast with a clear error when the server or token is wrong
  log(`slipway agent: node ${nodeName} joining ${endpoint.server}`);
  // The API server proxies logs and exec to this kubelet with the same token.
  await runNodeAgent({ client, signal, log, nodeName, rootDir, kubeletServer: { token: endpoint.token } });
  log("slipway agent stopped");
}
