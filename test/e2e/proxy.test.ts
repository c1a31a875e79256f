/**
 * The service proxy on real Docker and iptables: two busybox httpd containers on the pod network
 * behind a NodePort Service whose Endpoints are written directly into a registry. Each run uses
 * its own iptables chain, cluster IP and container label, and removes them all, failed or not.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { get } from "node:http";
import { connect } from "node:net";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Endpoints, Service } from "../../src/api/types/service.js";
import { IptablesRules, podNetworkGateway, type ServiceProxy, startServiceProxy } from "../../src/proxy/index.js";
import { createRegistry, MemoryBackend, type Registry } from "../../src/store/index.js";
import { waitFor } from "../helpers/wait-for.js";
import { freeNodePort } from "../unit/proxy/tcp-servers.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const BUSYBOX = "slipway.local/busybox:1";
const NETWORK = "slipway";
const RUN = randomUUID().slice(0, 8);
const LABEL = `io.slipway.e2e-proxy=${RUN}`;
const CHAIN = `SLIPWAY-E2E-${RUN}`;
// Inside the default service range (10.43.0.0/16), far from where an allocator starts.
const CLUSTER_IP = `10.43.${200 + Math.floor(Math.random() * 55)}.${1 + Math.floor(Math.random() * 254)}`;

const canRun =
  spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0 &&
  spawnSync("iptables", ["-w", "-t", "nat", "-S", "OUTPUT"], { stdio: "ignore" }).status === 0;
if (!canRun) console.warn("proxy e2e skipped: needs `docker info` and root iptables");

/** Starts a busybox httpd on the pod network answering `name`; resolves with its IP. */
async function startHttpd(name: string): Promise<string> {
  const script = `mkdir -p /www && echo ${name} > /www/index.html && exec httpd -f -p 80 -h /www`;
  const { stdout } = await run("docker", [
    "run",
    "-d",
    "--rm",
    "--network",
    NETWORK,
    "--label",
    LABEL,
    "--name",
    `proxy-${name}-${RUN}`,
    BUSYBOX,
    "sh",
    "-c",
    script,
  ]);
  const id = stdout.trim();
  const { stdout: ip } = await run("docker", [
    "inspect",
    "-f",
    `{{(index .NetworkSettings.Networks "${NETWORK}").IPAddress}}`,
    id,
  ]);
  return ip.trim();
}

/** One HTTP GET on a fresh connection: the body, or the error code. */
function fetchOnce(host: string, port: number): Promise<string> {
  return new Promise((done) => {
    const req = get({ host, port, path: "/", agent: false, timeout: 5000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => done(body.trim()));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}

/** Opens a connection and sends the first line of a request; `finish()` sends the rest and reads. */
function halfRequest(port: number): Promise<{ finish(): Promise<string> }> {
  return new Promise((ready, fail) => {
    const socket = connect({ host: "127.0.0.1", port });
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (c: string) => (text += c));
    const closed = new Promise<void>((r) => socket.on("close", () => r()));
    socket.on("error", fail);
    socket.on("connect", () => {
      socket.write("GET / HTTP/1.0\r\n");
      ready({
        finish: async () => {
          socket.write("Host: x\r\n\r\n");
          await closed;
          return text.split("\r\n\r\n")[1]?.trim() ?? `no body in "${text}"`;
        },
      });
    });
  });
}

describe.skipIf(!canRun)("service proxy on Docker", () => {
  let registry: Registry;
  let proxy: ServiceProxy;
  const abort = new AbortController();
  const ips: Record<string, string> = {};
  let nodePort = 0;

  const setEndpoints = async (names: string[]) => {
    const current = (await registry.get("Endpoints", "default", "web")) as Endpoints;
    const subsets = names.length
      ? [{ addresses: names.map((n) => ({ ip: ips[n]! })), ports: [{ name: "http", port: 80 }] }]
      : [];
    await registry.update({ ...current, subsets });
    await waitFor(() => proxy.ports()[0]?.backends.length === names.length, `${names.length} backends`, 10_000);
  };

  beforeAll(async () => {
    execFileSync(resolve(ROOT, "examples/images/build.sh"), { stdio: ["ignore", "ignore", "pipe"] });
    const gateway = await podNetworkGateway(NETWORK);
    [ips.a, ips.b] = await Promise.all([startHttpd("a"), startHttpd("b")]);
    registry = createRegistry(new MemoryBackend());
    nodePort = await freeNodePort();
    proxy = startServiceProxy({
      client: registry,
      signal: abort.signal,
      log: () => {},
      nodeName: `e2e-${RUN}`,
      nodePortAddress: "127.0.0.1",
      proxyAddress: gateway,
      rules: new IptablesRules(CHAIN),
    });
    await proxy.ready;
    const service: Service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { type: "NodePort", clusterIP: CLUSTER_IP, ports: [{ name: "http", port: 80, nodePort }] },
    };
    const endpoints: Endpoints = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "web", namespace: "default" },
      subsets: [{ addresses: [{ ip: ips.a! }, { ip: ips.b! }], ports: [{ name: "http", port: 80 }] }],
    };
    await registry.create(service);
    await registry.create(endpoints);
    await waitFor(() => proxy.ports()[0]?.backends.length === 2, "two backends", 10_000);
    // httpd is up once it answers straight on its pod IP.
    for (const ip of Object.values(ips)) {
      for (let i = 0; i < 100 && (await fetchOnce(ip, 80)).length !== 1; i++)
        await new Promise((r) => setTimeout(r, 50));
    }
  }, 120_000);

  afterAll(async () => {
    abort.abort();
    await proxy?.done;
    await run("docker", ["ps", "-aq", "--filter", `label=${LABEL}`]).then(async ({ stdout }) => {
      const ids = stdout.split("\n").filter(Boolean);
      if (ids.length) await run("docker", ["rm", "-f", ...ids]);
    });
    // Belt and braces: the proxy removed its chain; make sure even if it failed.
    await new IptablesRules(CHAIN).cleanup();
    await registry?.close();
  });

  it("balances requests to the node port over both pods", async () => {
    const bodies = new Set<string>();
    for (let i = 0; i < 4; i++) bodies.add(await fetchOnce("127.0.0.1", nodePort));
    expect([...bodies].sort()).toEqual(["a", "b"]);
  });

  it("reaches the service on its cluster IP from the host", async () => {
    const bodies = new Set<string>();
    for (let i = 0; i < 4; i++) bodies.add(await fetchOnce(CLUSTER_IP, 80));
    expect([...bodies].sort()).toEqual(["a", "b"]);
  });

  it("reaches the service on its cluster IP from inside a container", async () => {
    const { stdout } = await run("docker", [
      "run",
      "--rm",
      "--network",
      NETWORK,
      "--label",
      LABEL,
      BUSYBOX,
      "sh",
      "-c",
      `wget -qO- http://${CLUSTER_IP}:80/ && wget -qO- http://${CLUSTER_IP}:80/`,
    ]);
    expect(stdout.trim().split("\n").sort()).toEqual(["a", "b"]);
  });

  it("keeps established connections when an endpoint is removed", async () => {
    const first = await halfRequest(nodePort);
    const second = await halfRequest(nodePort);
    await setEndpoints(["a"]);
    // One connection went to a (which remains), the other to b (removed): neither is cut.
    expect([await first.finish(), await second.finish()].sort()).toEqual(["a", "b"]);
    expect(await fetchOnce("127.0.0.1", nodePort)).toBe("a");
    expect(await fetchOnce(CLUSTER_IP, 80)).toBe("a");
    await setEndpoints(["a", "b"]);
  });

  it("refuses at once when the service has no endpoints", async () => {
    await setEndpoints([]);
    expect(await fetchOnce("127.0.0.1", nodePort)).toBe("ECONNRESET");
    expect(await fetchOnce(CLUSTER_IP, 80)).toBe("ECONNRESET");
    await setEndpoints(["a", "b"]);
  });

  it("removes its iptables chain when stopped", async () => {
    const chains = () => execFileSync("iptables", ["-w", "-t", "nat", "-S"], { encoding: "utf8" });
    expect(chains()).toContain(`-N ${CHAIN}`);
    abort.abort();
    await proxy.done;
    expect(chains()).not.toContain(CHAIN);
    expect(await fetchOnce("127.0.0.1", nodePort)).toBe("ECONNREFUSED");
  });
});
