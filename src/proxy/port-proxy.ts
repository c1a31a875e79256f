import { connect, createServer, type Server, type Socket } from "node:net";
import { RoundRobin } from "./round-robin.js";
import { type Backend, backendId } from "./service-ports.js";

/** Where a PortProxy listens: an address and a port (0 picks a free one). */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * The userspace proxy of one service port: any number of TCP listeners (the cluster IP's proxy
 * port, the node port) sharing one round-robin over the ready backends.
 *
 * Contract:
 * - A connection goes to the next backend in turn; a backend that refuses is skipped and the next
 *   one tried, once each. Bytes the client sent meanwhile wait (nothing is read before a backend
 *   answers), so no byte is lost on a retry.
 * - With no backend, or when every backend refuses, the client connection is reset at once.
 * - setBackends() affects new connections only: established ones keep their backend, whether it
 *   remains or not (kube-proxy's userspace mode does the same).
 * - Half-close is forwarded both ways (a client's FIN reaches the backend and the reply still
 *   flows back); when either side is gone the other is closed.
 * - With client-IP affinity (a Service's `sessionAffinity: ClientIP`), a client address keeps its
 *   backend while that backend remains and the client came back within the timeout.
 * - close() stops the listeners and destroys every forwarded connection.
 */
export class PortProxy {
  readonly #rr = new RoundRobin();
  readonly #servers: Server[] = [];
  readonly #sockets = new Set<Socket>();
  /** Client address → its backend and when it last connected; only with affinity. */
  readonly #sticky = new Map<string, { backend: Backend; at: number }>();
  #affinityMs = 0;
  readonly #now: () => number;

  constructor({ now = Date.now }: { now?: () => number } = {}) {
    this.#now = now;
  }

  setBackends(backends: readonly Backend[]): void {
    this.#rr.set(backends);
    const remaining = new Set(backends.map(backendId));
    for (const [client, entry] of this.#sticky)
      if (!remaining.has(backendId(entry.backend))) this.#sticky.delete(client);
  }

  /** Client-IP affinity for new connections: 0 turns it off (round-robin only). */
  setAffinity(timeoutMs: number): void {
    this.#affinityMs = timeoutMs;
    if (timeoutMs === 0) this.#sticky.clear();
  }

  get backends(): readonly Backend[] {
    return this.#rr.backends;
  }

  /** Forwarded connections open now (each counts once, client and backend side together). */
  get connections(): number {
    return this.#sockets.size / 2;
  }

  /** Starts a listener; resolves with the port it got. Rejects (EADDRINUSE...) without side effects. */
  listen(address: ListenAddress): Promise<number> {
    const server = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => this.#accept(socket));
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: address.host, port: address.port, exclusive: true }, () => {
        server.off("error", reject);
        server.on("error", () => {}); // accept errors after listening are the client's affair
        this.#servers.push(server);
        const bound = server.address();
        resolve(typeof bound === "object" && bound ? bound.port : address.port);
      });
    });
  }

  async close(): Promise<void> {
    const closing = this.#servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await Promise.all(closing);
  }

  #accept(client: Socket): void {
    client.on("error", () => client.destroy());
    this.#dial(client, this.#rr.size);
  }

  /** The client's sticky backend when affinity holds, else the next in turn (remembered with affinity). */
  #pick(client: Socket, first: boolean): Backend | undefined {
    const address = client.remoteAddress ?? "";
    const now = this.#now();
    const sticky = this.#affinityMs > 0 ? this.#sticky.get(address) : undefined;
    if (first && sticky && now - sticky.at <= this.#affinityMs) {
      sticky.at = now;
      return sticky.backend;
    }
    const backend = this.#rr.next();
    if (backend && this.#affinityMs > 0) {
      // Forget clients that stayed away past the timeout, now and then, so the table stays small.
      if (this.#sticky.size >= 4096) {
        for (const [key, entry] of this.#sticky) if (now - entry.at > this.#affinityMs) this.#sticky.delete(key);
      }
      this.#sticky.set(address, { backend, at: now });
    }
    return backend;
  }

  #dial(client: Socket, attemptsLeft: number, first = true): void {
    const backend = attemptsLeft > 0 ? this.#pick(client, first) : undefined;
    if (!backend || client.destroyed) {
      if (!client.destroyed) client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: backend.host, port: backend.port, allowHalfOpen: true, noDelay: true });
    const refused = () => {
      upstream.destroy();
      this.#dial(client, attemptsLeft - 1, false);
    };
    upstream.once("error", refused);
    upstream.once("connect", () => {
      upstream.off("error", refused);
      if (client.destroyed) {
        upstream.destroy();
        return;
      }
      this.#join(client, upstream);
    });
  }

  #join(client: Socket, upstream: Socket): void {
    this.#sockets.add(client);
    this.#sockets.add(upstream);
    const closeBoth = () => {
      this.#sockets.delete(client);
      this.#sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", closeBoth);
    client.on("error", closeBoth);
    client.on("close", closeBoth);
    upstream.on("close", closeBoth);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
