import { connect, createServer, type Server, type Socket } from "node:net";
import { RoundRobin } from "./round-robin.js";
import type { Backend } from "./service-ports.js";

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
 * - close() stops the listeners and destroys every forwarded connection.
 */
export class PortProxy {
  readonly #rr = new RoundRobin();
  readonly #servers: Server[] = [];
  readonly #sockets = new Set<Socket>();

  setBackends(backends: readonly Backend[]): void {
    this.#rr.set(backends);
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

  #dial(client: Socket, attemptsLeft: number): void {
    const backend = attemptsLeft > 0 ? this.#rr.next() : undefined;
    if (!backend || client.destroyed) {
      if (!client.destroyed) client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: backend.host, port: backend.port, allowHalfOpen: true, noDelay: true });
    const refused = () => {
      upstream.destroy();
      this.#dial(client, attemptsLeft - 1);
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
