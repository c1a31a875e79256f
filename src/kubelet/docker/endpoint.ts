/**
 * Which engine Docker clients talk to. dockerode (docker-modem) reads DOCKER_HOST itself when it is
 * constructed without options: `unix:///path`, `tcp://host:port` (https when DOCKER_TLS_VERIFY=1 or
 * port 2376), `ssh://...`; unset means /var/run/docker.sock. This mirrors that, for messages.
 */

/** The engine address as a person would write it: a socket path or a URL. */
export function describeDockerEndpoint(env: Record<string, string | undefined> = process.env): string {
  const host = env.DOCKER_HOST;
  if (!host) return "/var/run/docker.sock";
  if (host.startsWith("unix://")) return host.slice("unix://".length) || "/var/run/docker.sock";
  if (host.startsWith("npipe://")) return host.slice("npipe://".length) || "//./pipe/docker_engine";
  return host.includes("//") ? host : `tcp://${host}`;
}
