/** The dockerode client every docker/ module shares, with one place that wraps its failures. */
import Docker from "dockerode";
import { describeDockerEndpoint } from "./endpoint.js";
import { toRuntimeError } from "./errors.js";

export interface DockerClient {
  docker: Docker;
  /** Where the engine is, for messages: a socket path or URL. */
  endpoint: string;
  /** Runs one Docker call; any failure becomes a SlipwayError naming `what` and the engine. */
  call<T>(what: string, fn: (docker: Docker) => Promise<T>): Promise<T>;
}

export interface DockerClientOptions {
  /** A ready dockerode instance; by default one built from DOCKER_HOST (and DOCKER_TLS_VERIFY, ...). */
  docker?: Docker;
}

export function createDockerClient({ docker }: DockerClientOptions = {}): DockerClient {
  // No options: docker-modem reads DOCKER_HOST and friends itself. The API version stays unset so
  // the engine's own (1.41 here) is used.
  const client = docker ?? new Docker();
  const endpoint = docker ? describeModem(client) : describeDockerEndpoint(process.env);
  return {
    docker: client,
    endpoint,
    async call<T>(what: string, fn: (d: Docker) => Promise<T>): Promise<T> {
      try {
        return await fn(client);
      } catch (error) {
        throw toRuntimeError(error, what, endpoint);
      }
    },
  };
}

function describeModem(docker: Docker): string {
  const modem = docker.modem as { socketPath?: unknown; host?: string; port?: string | number; protocol?: string };
  if (typeof modem.socketPath === "string") return modem.socketPath;
  if (modem.host) return `${modem.protocol ?? "http"}://${modem.host}${modem.port ? `:${modem.port}` : ""}`;
  return "/var/run/docker.sock";
}
