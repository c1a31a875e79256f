/**
 * The kubeconfig `slipway up` writes for kubectl and the CLI: cluster, user and context all named
 * `slipway`, carrying the server URL, the bearer token and, for https, the server's CA. Written
 * with mode 0600 because the token grants full access.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { SlipwayError } from "../api/errors.js";
import { writeSecretFile } from "./credentials.js";

export interface KubeconfigOptions {
  /** File to write (its directory is created). */
  path: string;
  /** API server URL, e.g. `http://127.0.0.1:6443`. */
  server: string;
  token: string;
  /** PEM certificate authority of an https server (written as certificate-authority-data). */
  ca?: string;
}

/** Renders the kubeconfig: cluster, user and context all named `slipway`, current-context set. */
export function renderKubeconfig(server: string, token: string, ca?: string): string {
  const cluster: Record<string, string> = { server };
  if (ca) cluster["certificate-authority-data"] = Buffer.from(ca, "utf8").toString("base64");
  // JSON is valid YAML, and kubectl reads either; it also keeps quoting trivially right.
  const config = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "slipway", cluster }],
    users: [{ name: "slipway", user: { token } }],
    contexts: [{ name: "slipway", context: { cluster: "slipway", user: "slipway", namespace: "default" } }],
    "current-context": "slipway",
    preferences: {},
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Writes the kubeconfig atomically (temp file + rename) with mode 0600. */
export async function writeKubeconfig({ path, server, token, ca }: KubeconfigOptions): Promise<void> {
  await writeSecretFile(path, renderKubeconfig(server, token, ca));
}

export interface KubeconfigEndpoint {
  server: string;
  token: string;
  /** PEM CA from certificate-authority-data, when the server is https. */
  ca?: string;
}

interface KubeconfigFile {
  "current-context"?: string;
  contexts?: { name?: string; context?: { cluster?: string; user?: string } }[];
  clusters?: { name?: string; cluster?: { server?: string; "certificate-authority-data"?: string } }[];
  users?: { name?: string; user?: { token?: string } }[];
}

/**
 * Reads the current context's server, token and CA from a kubeconfig (the options
 * createHttpClient takes). Throws ServerUnreachable, with a hint, when the file is missing or
 * names no server or token.
 */
export async function readKubeconfig(path: string): Promise<KubeconfigEndpoint> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new SlipwayError("ServerUnreachable", `no running Slipway found: ${path} does not exist`, {
      hint: "start one with `slipway up`, or point at it with --state DIR or --server URL --token T",
    });
  }
  const config = (parse(text) ?? {}) as KubeconfigFile;
  const context = config.contexts?.find((c) => c.name === config["current-context"])?.context;
  const cluster = config.clusters?.find((c) => c.name === context?.cluster)?.cluster;
  const token = config.users?.find((u) => u.name === context?.user)?.user?.token;
  if (!cluster?.server || !token) {
    throw new SlipwayError("ServerUnreachable", `${path} names no server or token for its current context`);
  }
  const endpoint: KubeconfigEndpoint = { server: cluster.server, token };
  const caData = cluster["certificate-authority-data"];
  if (caData) endpoint.ca = Buffer.from(caData, "base64").toString("utf8");
  return endpoint;
}
