/**
 * Finds the server a client command talks to: --server/--token when given, else the kubeconfig
 * that `slipway up` wrote into the state directory.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import type { Client } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import { createHttpClient } from "../apiserver/index.js";
import { stateDir, statePaths } from "./state.js";

export interface ConnectOptions {
  state?: string;
  server?: string;
  token?: string;
}

export interface Endpoint {
  server: string;
  token: string;
}

interface Kubeconfig {
  "current-context"?: string;
  contexts?: { name: string; context: { cluster: string; user: string } }[];
  clusters?: { name: string; cluster: { server: string } }[];
  users?: { name: string; user: { token?: string } }[];
}

export async function resolveEndpoint(options: ConnectOptions): Promise<Endpoint> {
  if (options.server) {
    if (!options.token) throw new SlipwayError("Usage", "--server needs --token", { hint: "or use --state DIR" });
    return { server: options.server, token: options.token };
  }
  const paths = statePaths(stateDir(options.state));
  let text: string;
  try {
    text = await readFile(paths.kubeconfig, "utf8");
  } catch {
    throw new SlipwayError("ServerUnreachable", `no running Slipway found: ${paths.kubeconfig} does not exist`, {
      hint: "start one with `slipway up`, or point at it with --state DIR or --server URL --token T",
    });
  }
  const config = parse(text) as Kubeconfig;
  const context = config.contexts?.find((c) => c.name === config["current-context"])?.context;
  const server = config.clusters?.find((c) => c.name === context?.cluster)?.cluster.server;
  const token = config.users?.find((u) => u.name === context?.user)?.user.token;
  if (!server || !token) throw new SlipwayError("ServerUnreachable", `${paths.kubeconfig} names no server or token`);
  return { server, token };
}

export async function connect(options: ConnectOptions): Promise<Client> {
  return createHttpClient(await resolveEndpoint(options));
}
