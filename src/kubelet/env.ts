/**
 * A container's environment as Kubernetes resolves it: literal values (with `$(VAR)` references to
 * earlier variables), configMapKeyRef and secretKeyRef read through the client, and fieldRef for
 * metadata.name, metadata.namespace, status.podIP and spec.nodeName, after the service links of
 * the namespace's Services (unless enableServiceLinks is false). A missing object or key that is
 * not optional is a ConfigError, reported as CreateContainerConfigError.
 */
import type { Client } from "../api/client.js";
import { isSlipwayError } from "../api/errors.js";
import type { KubeObject } from "../api/object.js";
import type { Container } from "../api/types/container.js";
import type { Pod } from "../api/types/pod.js";
import type { Service } from "../api/types/service.js";
import { serviceEnv } from "./service-env.js";

/** The pod cannot be configured as written (a missing ConfigMap, key, volume or a refused hostPath). */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads ConfigMap and Secret data, each object once per sync. */
export class DataReader {
  readonly #client: Client;
  readonly #cache = new Map<string, Promise<Record<string, string> | undefined>>();
  readonly #services = new Map<string, Promise<Service[]>>();

  constructor(client: Client) {
    this.#client = client;
  }

  /** The Services of a namespace (for service links), listed once per sync. */
  services(namespace: string): Promise<Service[]> {
    let entry = this.#services.get(namespace);
    if (!entry) {
      entry = this.#client.list("Service", { namespace }).then((list) => list.items as Service[]);
      this.#services.set(namespace, entry);
    }
    return entry;
  }

  /** The object's data as text (secrets decoded); undefined when it does not exist. */
  data(kind: "ConfigMap" | "Secret", namespace: string, name: string): Promise<Record<string, string> | undefined> {
    const id = `${kind}/${namespace}/${name}`;
    let entry = this.#cache.get(id);
    if (!entry) {
      entry = this.#read(kind, namespace, name);
      this.#cache.set(id, entry);
    }
    return entry;
  }

  async #read(kind: "ConfigMap" | "Secret", namespace: string, name: string) {
    let obj: KubeObject;
    try {
      obj = await this.#client.get(kind, namespace, name);
    } catch (error) {
      if (isSlipwayError(error, "NotFound")) return undefined;
      throw error;
    }
    const data = (obj.data ?? {}) as Record<string, string>;
    const binary = (obj.binaryData ?? {}) as Record<string, string>;
    const decode = (v: string) => Buffer.from(v, "base64").toString("utf8");
    if (kind === "Secret") return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decode(v)]));
    return { ...data, ...Object.fromEntries(Object.entries(binary).map(([k, v]) => [k, decode(v)])) };
  }
}

function fieldValue(pod: Pod, fieldPath: string, podIP: string | undefined): string {
  switch (fieldPath) {
    case "metadata.name":
      return pod.metadata.name ?? "";
    case "metadata.namespace":
      return pod.metadata.namespace ?? "";
    case "metadata.uid":
      return pod.metadata.uid ?? "";
    case "status.podIP":
      return podIP ?? "";
    case "spec.nodeName":
      return pod.spec.nodeName ?? "";
    case "spec.serviceAccountName":
      return pod.spec.serviceAccountName ?? "";
  }
  const label = /^metadata\.labels\['(.+)'\]$/.exec(fieldPath);
  if (label?.[1]) return pod.metadata.labels?.[label[1]] ?? "";
  throw new ConfigError(`unsupported fieldRef fieldPath "${fieldPath}"`);
}

/** Expands `$(NAME)` from the variables defined so far; `$$(NAME)` stays literal, as in Kubernetes. */
export function expandReferences(value: string, defined: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === "$$") return "$";
    return name !== undefined && defined.has(name) ? (defined.get(name) ?? "") : match;
  });
}

export interface ResolveEnvOptions {
  pod: Pod;
  container: Container;
  podIP: string | undefined;
  reader: DataReader;
}

/** The resolved variables in spec order; throws ConfigError for a reference that cannot be met. */
export async function resolveEnv({ pod, container, podIP, reader }: ResolveEnvOptions) {
  const namespace = pod.metadata.namespace ?? "default";
  const defined = new Map<string, string>();
  // Service links come first, so the container's own variables can refer to and override them.
  if (pod.spec.enableServiceLinks !== false) {
    for (const { name, value } of serviceEnv(await reader.services(namespace))) defined.set(name, value);
  }
  for (const env of container.env ?? []) {
    const from = env.valueFrom;
    let value: string | undefined;
    if (from?.fieldRef) value = fieldValue(pod, from.fieldRef.fieldPath, podIP);
    else if (from?.configMapKeyRef || from?.secretKeyRef) {
      const kind = from.configMapKeyRef ? "ConfigMap" : "Secret";
      const ref = (from.configMapKeyRef ?? from.secretKeyRef) as { name?: string; key: string; optional?: boolean };
      const data = await reader.data(kind, namespace, ref.name ?? "");
      value = data?.[ref.key];
      if (value === undefined && !ref.optional) {
        throw new ConfigError(
          data === undefined
            ? `${kind.toLowerCase()} "${ref.name ?? ""}" not found`
            : `couldn't find key ${ref.key} in ${kind} ${namespace}/${ref.name ?? ""}`,
        );
      }
      if (value === undefined) continue;
    } else value = expandReferences(env.value ?? "", defined);
    defined.set(env.name, value);
  }
  return [...defined].map(([name, value]) => ({ name, value }));
}
