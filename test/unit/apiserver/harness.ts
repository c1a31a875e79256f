/**
 * Starts an API server on 127.0.0.1:0 in front of a given Client, with an HTTP client and a raw
 * request helper pointed at it. Every test file stops what it started in afterEach/afterAll.
 */
import type { Client } from "../../../src/api/client.js";
import type { KubeObject, WatchEvent } from "../../../src/api/object.js";
import { createHttpClient } from "../../../src/apiserver/http-client.js";
import { type ApiServer, type ApiServerOptions, startApiServer } from "../../../src/apiserver/server.js";
import { createRegistry, type KvBackend, MemoryBackend, type Registry } from "../../../src/store/index.js";

export const TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

export interface TestServer {
  server: ApiServer;
  /** The HTTP Client under test. */
  http: Client;
  /** A raw authenticated request; `token: null` sends none. */
  request(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestServer(
  client: Client,
  options: Partial<Omit<ApiServerOptions, "client">> = {},
): Promise<TestServer> {
  const server = await startApiServer({
    client,
    token: TOKEN,
    listen: { host: "127.0.0.1", port: 0 },
    onInternalError: () => {},
    ...options,
  });
  return {
    server,
    http: createHttpClient({ server: server.url, token: TOKEN }),
    request(path, init = {}) {
      const { token = TOKEN, headers, ...rest } = init;
      const h = new Headers(headers);
      if (token !== null) h.set("Authorization", `Bearer ${token}`);
      return fetch(`${server.url}${path}`, { ...rest, headers: h });
    },
    close: () => server.close(),
  };
}

/** Collects watch events; `waitFor(n)` resolves once n events arrived (the test timeout bounds it). */
export function collector() {
  const events: WatchEvent[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    events,
    handler(event: WatchEvent) {
      events.push(event);
      for (const w of waiters.filter((w) => events.length >= w.n)) w.resolve();
    },
    waitFor(n: number): Promise<void> {
      if (events.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
  };
}

export interface StoreServer extends TestServer {
  backend: KvBackend;
  registry: Registry;
  /** Resolves once the server has opened its next watch on the registry. */
  nextWatch(): Promise<void>;
}

/** An API server in front of a registry over a backend (a fresh MemoryBackend unless given). */
export async function startStoreServer(
  options: Partial<Omit<ApiServerOptions, "client">> & { backend?: KvBackend } = {},
): Promise<StoreServer> {
  const { backend = new MemoryBackend(), ...serverOptions } = options;
  const registry = createRegistry(backend);
  let watchOpened: (() => void)[] = [];
  // The server's view of the registry: the same object, but it tells the test when a watch opens.
  const served: Client = {
    get: (...a) => registry.get(...a),
    list: (...a) => registry.list(...a),
    create: (...a) => registry.create(...a),
    update: (...a) => registry.update(...a),
    updateStatus: (...a) => registry.updateStatus(...a),
    patch: (...a) => registry.patch(...a),
    delete: (...a) => registry.delete(...a),
    watch(...a) {
      const watch = registry.watch(...a);
      const waiting = watchOpened;
      watchOpened = [];
      for (const resolve of waiting) resolve();
      return watch;
    },
  };
  const t = await startTestServer(served, serverOptions);
  return {
    ...t,
    backend,
    registry,
    nextWatch: () => new Promise<void>((resolve) => watchOpened.push(resolve)),
    async close() {
      await t.close();
      await registry.close();
    },
  };
}

export function newPod(name: string, extra: { namespace?: string; labels?: Record<string, string> } = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: extra.namespace ?? "default", ...(extra.labels ? { labels: extra.labels } : {}) },
    spec: { containers: [{ name: "app", image: "busybox" }] },
  };
}
