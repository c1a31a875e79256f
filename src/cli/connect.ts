/**
 * Finds the server a client command talks to: --server/--token when given, else the kubeconfig
 * that `slipway up` wrote into the state directory (server URL, token and the CA to trust).
 */
import { readFile } from "node:fs/promises";
import type { Client } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import { createHttpClient, type KubeconfigEndpoint, readKubeconfig } from "../apiserver/index.js";
import { stateDir, statePaths } from "./state.js";

export interface ConnectOptions {
  state?: string;
  server?: string;
  token?: string;
  /** PEM file of the CA to trust for an https --server (kubectl's --certificate-authority). */
  certificateAuthority?: string;
}

export async function resolveEndpoint(options: ConnectOptions): Promise<KubeconfigEndpoint> {
  if (options.server) {
    if (!options.token) throw new SlipwayError("Usage", "--server needs --token", { hint: "or use --state DIR" });
    const ca = options.certificateAuthority ? await readFile(options.certificateAuthority, "utf8") : undefined;
    return { server: options.server, token: options.token, ...(ca ? { ca } : {}) };
  }
  return readKubeconfig(statePaths(stateDir(options.state)).kubeconfig);
}

export async function connect(options: ConnectOptions): Promise<Client> {
  return createHttpClient(await resolveEndpoint(options));
}
