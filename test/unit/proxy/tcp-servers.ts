/** Small TCP servers on 127.0.0.1 for proxy tests: each greets with its name, then echoes. */
import { connect, createServer, type Server, type Socket } from "node:net";

export interface NamedServer {
  name: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * A server that writes `<name>\n` on every connection and then echoes what it reads; when the
 * client half-closes, it answers `bye <name>\n` and closes its side too.
 */
export async function startNamedServer(name: string, port = 0): Promise<NamedServer> {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.write(`${name}\n`);
    socket.on("data", (chunk) => socket.write(chunk));
    socket.on("end", () => socket.end(`bye ${name}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port }, resolve);
  });
  const address = server.address();
  return {
    name,
    port: typeof address === "object" && address ? address.port : port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

/** A port in the node-port range (30000–32767) that is free on 127.0.0.1 now. */
export async function freeNodePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 30000 + Math.floor(Math.random() * 2768);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once("error", () => resolve(false));
      server.listen({ host: "127.0.0.1", port }, () => resolve(true));
    });
    if (free) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      return port;
    }
  }
  throw new Error("no free port in 30000-32767");
}

/** A client connection with everything it received so far. */
export interface TestConnection {
  socket: Socket;
  received(): string;
  /** Resolves once the received text contains `text`; rejects if the connection ends first. */
  waitFor(text: string): Promise<void>;
  /** Resolves with how the connection ended: "end" (orderly), "reset" or another error code. */
  readonly ended: Promise<string>;
}

export function connectTo(port: number, host = "127.0.0.1"): TestConnection {
  const socket = connect({ host, port, allowHalfOpen: true });
  let text = "";
  const listeners = new Set<() => void>();
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => {
    text += chunk;
    for (const l of listeners) l();
  });
  const ended = new Promise<string>((resolve) => {
    socket.on("error", (error: NodeJS.ErrnoException) =>
      resolve(error.code === "ECONNRESET" ? "reset" : String(error.code)),
    );
    socket.on("end", () => resolve("end"));
    socket.on("close", () => resolve("closed"));
  });
  return {
    socket,
    received: () => text,
    ended,
    waitFor: (wanted) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (text.includes(wanted)) {
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
        check();
        void ended.then((how) => {
          if (!text.includes(wanted)) reject(new Error(`connection ${how} before "${wanted}" (got "${text}")`));
        });
      }),
  };
}
