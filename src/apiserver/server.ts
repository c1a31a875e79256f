/**
 * The API server: node:http in front of a Client, speaking the Kubernetes REST subset that
 * kubectl and client libraries use. Every request needs the bearer token; every failure is a
 * Status object with Kubernetes' HTTP code.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Client } from "../api/client.js";
import { SlipwayError } from "../api/errors.js";
import type { ServingCertificate } from "./certificate.js";
import { apiGroupDocument, apiGroupList, apiResourceList, apiVersions, versionInfo } from "./discovery.js";
import { HttpStatusError, readJsonBody, sendJson, sendStatus } from "./http-io.js";
import { openApiV2Document, openApiV3Document, openApiV3Root } from "./openapi.js";
import { proxyPodSubresource } from "./pod-proxy.js";
import { handleResource } from "./resources.js";
import { matchRoute, type Route } from "./routes.js";
import { failureStatus, statusFromError } from "./status.js";
import type { TableProvider } from "./table.js";
import { isWatchRequest, streamWatch } from "./watch-stream.js";

export interface ApiServerOptions {
  client: Client;
  /** Where to listen; defaults to 127.0.0.1 on a free port. */
  listen?: { host?: string; port?: number };
  /** The bearer token every request must carry. */
  token: string;
  /**
   * Serve https with this certificate (see ensureServingCertificate). kubectl sends its bearer
   * token only over TLS, so kubectl needs it; Slipway's own HTTP client works either way.
   */
  tls?: ServingCertificate;
  /** Largest accepted request body in bytes (default 3 MiB); larger bodies get 413. */
  maxBodyBytes?: number;
  /** Bytes of watch events queued for a client that stops reading before it is dropped (16 MiB). */
  maxWatchBufferBytes?: number;
  /** Renders `get` lists as Tables when kubectl asks for them; without it, plain lists are sent. */
  table?: TableProvider;
  /** Receives errors that are bugs (answered as a bare 500); defaults to printing on stderr. */
  onInternalError?: (error: unknown) => void;
}

export interface ApiServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  /** Stops accepting requests and ends open connections, watches included. */
  close(): Promise<void>;
  /** Drops every open connection (watches included) but keeps listening. */
  dropConnections(): void;
}

const DEFAULT_MAX_BODY = 3 * 1024 * 1024;
const DEFAULT_MAX_WATCH_BUFFER = 16 * 1024 * 1024;

/** Starts listening; resolves once the port is bound. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const {
    client,
    token,
    listen = {},
    maxBodyBytes = DEFAULT_MAX_BODY,
    maxWatchBufferBytes = DEFAULT_MAX_WATCH_BUFFER,
    table,
  } = options;
  const host = listen.host ?? "127.0.0.1";
  const onInternalError =
    options.onInternalError ?? ((error: unknown) => process.stderr.write(`apiserver: ${String(error)}\n`));
  if (!token) throw new SlipwayError("Usage", "the API server needs a non-empty token");
  const expected = digest(token);
  let serverAddress = "";

  const listener: RequestListener = (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpStatusError) {
        // The rest of an oversized body is never read, so this connection cannot carry another request.
        if (error.status.code === 413) res.setHeader("Connection", "close");
        return sendStatus(res, error.status);
      }
      if (!(error instanceof SlipwayError)) onInternalError(error);
      if (res.headersSent) res.destroy();
      else sendStatus(res, statusFromError(error));
    });
  };
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(listener);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req.headers.authorization, expected)) {
      // Drain what the client sent so the connection stays usable for its next request.
      req.resume();
      return sendStatus(res, failureStatus(401, "Unauthorized", "Unauthorized"));
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = matchRoute(url.pathname);
    const method = req.method ?? "GET";
    if (route.type !== "resource") {
      req.resume();
      if (method !== "GET") throw new SlipwayError("MethodNotAllowed", "the server does not allow this method");
      return serveDocument(res, route, serverAddress);
    }
    if ((route.subresource === "log" || route.subresource === "exec") && route.name !== undefined) {
      return proxyPodSubresource({
        client,
        token,
        req,
        res,
        namespace: route.namespace,
        name: route.name,
        subresource: route.subresource,
        query: url.searchParams,
      });
    }
    if (method === "GET" && isWatchRequest(url.searchParams)) {
      req.resume();
      return streamWatch({
        client,
        info: route.info,
        namespace: route.namespace,
        ...(route.name !== undefined ? { name: route.name } : {}),
        query: url.searchParams,
        res,
        onClose: (listener) => res.on("close", listener),
        maxBufferBytes: maxWatchBufferBytes,
      });
    }
    const contentType = req.headers["content-type"];
    if (method === "PATCH" && contentType?.toLowerCase().startsWith("application/apply-patch")) {
      req.resume();
      throw new HttpStatusError(
        failureStatus(415, "UnsupportedMediaType", "server-side apply (application/apply-patch+yaml) is not served"),
      );
    }
    let body: unknown;
    if (method === "GET") req.resume();
    else body = await readJsonBody(req, maxBodyBytes);
    const result = await handleResource({
      client,
      method,
      info: route.info,
      namespace: route.namespace,
      ...(route.name !== undefined ? { name: route.name } : {}),
      ...(route.subresource !== undefined ? { subresource: route.subresource } : {}),
      query: url.searchParams,
      body,
      contentType,
      accept: req.headers.accept,
      table,
    });
    sendJson(res, result.code, result.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  serverAddress = `${hostPart}:${address.port}`;

  return {
    url: `${options.tls ? "https" : "http"}://${serverAddress}`,
    dropConnections: () => server.closeAllConnections(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

function authorized(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  // Compare digests so the comparison takes the same time whatever the token's length.
  return timingSafeEqual(digest(match[1]), expected);
}

function serveDocument(res: ServerResponse, route: Exclude<Route, { type: "resource" }>, serverAddress: string): void {
  if (route.type === "discovery" && route.document === "healthz") {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end("ok");
    return;
  }
  const doc = documentFor(route, serverAddress);
  if (doc === undefined) {
    sendStatus(res, statusFromError(new SlipwayError("NotFound", "the server could not find the requested resource")));
  } else {
    sendJson(res, 200, doc);
  }
}

function documentFor(route: Exclude<Route, { type: "resource" }>, serverAddress: string): unknown {
  switch (route.type) {
    case "discovery":
      switch (route.document) {
        case "version":
          return versionInfo();
        case "api":
          return apiVersions(serverAddress);
        case "apis":
          return apiGroupList();
        case "openapiV2":
          return openApiV2Document();
        case "openapiV3":
          return openApiV3Root();
        default:
          return undefined;
      }
    case "group":
      return apiGroupDocument(route.group);
    case "openapiV3":
      return openApiV3Document(route.groupVersion);
    case "groupVersion":
      return apiResourceList(route.group, route.version);
    case "notFound":
      return undefined;
  }
}
