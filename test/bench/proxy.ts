/**
 * Issue 4's proxy benchmark: HTTP keep-alive load through a NodePort of the service proxy against
 * the same load sent straight to the backend, in the same run, on loopback only. The backend (a
 * stand-in for one pod: a plain node:http server) and the load generator run as child processes,
 * so the proxy has this process's event loop to itself, as it would in `slipway up`. Each round
 * runs direct then proxied back to back; ratios and added p99 are medians over rounds, to damp
 * drift on a busy machine.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cpus, loadavg } from "node:os";
import type { Endpoints, Service } from "../../src/api/types/service.js";
import { type DnatRule, type ServiceRules, startServiceProxy } from "../../src/proxy/index.js";
import { createRegistry, MemoryBackend } from "../../src/store/index.js";
import { freeNodePort } from "../unit/proxy/tcp-servers.js";
import { median } from "./stats.js";

const REQUESTS = 10_000;
const CONCURRENCY = 16;
const ROUNDS = 5;
const TARGET_RATIO = 0.8;
const TARGET_P99_ADDED_MS = 1;

const BACKEND = `
import { createServer } from "node:http";
const body = Buffer.from("hello from the pod\\n");
const server = createServer((req, res) => { res.writeHead(200, { "content-type": "text/plain", "content-length": body.length }); res.end(body); });
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(server.address().port + "\\n"));
`;

const LOAD = `
import { Agent, request } from "node:http";
const [port, total, concurrency] = process.argv.slice(1).map(Number);
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = new Float64Array(total);
let next = 0;
const one = (i) => new Promise((resolve, reject) => {
  const start = performance.now();
  const req = request({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
    res.resume();
    res.on("end", () => { latencies[i] = performance.now() - start; resolve(); });
  });
  req.on("error", reject);
  req.end();
});
const worker = async () => { while (next < total) await one(next++); };
// A short warm-up opens the connections and lets the JIT settle.
for (let i = 0; i < 500; i++) await one(0);
next = 0;
const t0 = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const ms = performance.now() - t0;
const sorted = Array.from(latencies).sort((a, b) => a - b);
const pct = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
process.stdout.write(JSON.stringify({ ms, rps: total / ms * 1000, p50: pct(50), p99: pct(99) }));
agent.destroy();
`;

interface LoadResult {
  ms: number;
  rps: number;
  p50: number;
  p99: number;
}

function node(script: string, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ["--input-type=module", "-e", script, ...args.map(String)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function load(port: number): Promise<LoadResult> {
  const child = node(LOAD, [String(port), String(REQUESTS), String(CONCURRENCY)]);
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out) as LoadResult;
}

class NoRules implements ServiceRules {
  async sync(_: readonly DnatRule[]): Promise<void> {}
  async cleanup(): Promise<void> {}
}

export async function benchProxy(log: (line: string) => void): Promise<string> {
  const backend = node(BACKEND);
  const abort = new AbortController();
  const registry = createRegistry(new MemoryBackend());
  try {
    const [line] = (await once(backend.stdout!, "data")) as [Buffer];
    const backendPort = Number(line.toString().trim());
    const nodePort = await freeNodePort();
    const proxy = startServiceProxy({
      client: registry,
      signal: abort.signal,
      log: () => {},
      nodeName: "bench",
      nodePortAddress: "127.0.0.1",
      proxyAddress: "127.0.0.1",
      rules: new NoRules(),
    });
    await proxy.ready;
    const service: Service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "bench", namespace: "default" },
      spec: { type: "NodePort", clusterIP: "10.43.0.99", ports: [{ port: 80, nodePort }] },
    };
    const endpoints: Endpoints = {
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "bench", namespace: "default" },
      subsets: [{ addresses: [{ ip: "127.0.0.1" }], ports: [{ port: backendPort }] }],
    };
    await registry.create(service);
    await registry.create(endpoints);
    for (let i = 0; i < 1000 && proxy.ports()[0]?.backends.length !== 1; i++)
      await new Promise((r) => setTimeout(r, 5));

    const direct: LoadResult[] = [];
    const proxied: LoadResult[] = [];
    // The proxy's own CPU time per proxied request (µs): steadier than latency on a busy machine.
    const cpuPerRequest: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      direct.push(await load(backendPort));
      const cpu = process.cpuUsage();
      proxied.push(await load(nodePort));
      const used = process.cpuUsage(cpu);
      cpuPerRequest.push((used.user + used.system) / REQUESTS);
      log(
        `  round ${round + 1}: direct ${direct.at(-1)!.rps.toFixed(0)} req/s, node port ${proxied.at(-1)!.rps.toFixed(0)} req/s`,
      );
    }
    // Each round pairs a direct and a proxied run back to back; the medians over rounds are reported.
    const ratio = median(direct.map((d, i) => proxied[i]!.rps / d.rps));
    const added = median(direct.map((d, i) => proxied[i]!.p99 - d.p99));
    const addedP50 = median(direct.map((d, i) => proxied[i]!.p50 - d.p50));
    const summary = (rs: LoadResult[]) => ({
      rps: median(rs.map((r) => r.rps)),
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
    });
    const d = summary(direct);
    const p = summary(proxied);
    return [
      "## Service proxy: HTTP through a NodePort vs straight to the pod",
      "",
      `${REQUESTS.toLocaleString("en")} keep-alive GETs per round, ${CONCURRENCY} connections, median of ${ROUNDS} ` +
        "rounds (each a direct run then a proxied one); backend and load generator in child processes, loopback only.",
      "",
      "| path | req/s | p50 ms | p99 ms |",
      "|---|---:|---:|---:|",
      `| straight to the pod | ${d.rps.toFixed(0)} | ${d.p50.toFixed(3)} | ${d.p99.toFixed(3)} |`,
      `| through the node port | ${p.rps.toFixed(0)} | ${p.p50.toFixed(3)} | ${p.p99.toFixed(3)} |`,
      "",
      `Throughput ratio **${ratio.toFixed(2)}** (target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? "met" : "missed"}); ` +
        `p99 added **${added.toFixed(3)} ms** (target ≤ ${TARGET_P99_ADDED_MS} ms: ${added <= TARGET_P99_ADDED_MS ? "met" : "missed"}); ` +
        `p50 added ${addedP50.toFixed(3)} ms; ` +
        `the proxy's CPU time ${median(cpuPerRequest).toFixed(1)} µs per request (warm-up included). ` +
        `Load average at the end ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs.`,
      "",
    ].join("\n");
  } finally {
    abort.abort();
    backend.kill();
    await registry.close();
  }
}
