/**
 * Starts an API server on 127.0.0.1:0 in front of a given Client, with an HTTP client and a raw
 * request helper pointed at it. Every test file stops what it started in afterEach/afterAll.
 */
import type { Client } from "../../../src/api/client.js";
import { createHttpClient } from "../../../src/apiserver/http-client.js";
import { type ApiServer, type ApiServerOptions, startApiServer } from "../../../src/apiserver/server.js";

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
