import { afterEach, describe, expect, it } from "vitest";
import { PortProxy } from "../../../src/proxy/index.js";
import { waitFor } from "../../helpers/wait-for.js";
import { connectTo, freePort, type NamedServer, startNamedServer, type TestConnection } from "./tcp-servers.js";

const backend = (s: NamedServer) => ({ host: "127.0.0.1", port: s.port });

describe("PortProxy", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(names: string[]) {
    const servers = await Promise.all(names.map(startNamedServer));
    cleanups.push(() => Promise.all(servers.map((s) => s.close())).then(() => {}));
    const proxy = new PortProxy();
    cleanups.push(() => proxy.close());
    proxy.setBackends(servers.map(backend));
    const port = await proxy.listen({ host: "127.0.0.1", port: 0 });
    return { servers, proxy, port };
  }

  function open(port: number): TestConnection {
    const c = connectTo(port);
    cleanups.push(() => void c.socket.destroy());
    return c;
  }

  async function greeting(port: number): Promise<string> {
    const c = open(port);
    await c.waitFor("\n");
    c.socket.destroy();
    return c.received().trim();
  }

  it("spreads connections over the backends in turn", async () => {
    const { port } = await setup(["a", "b", "c"]);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) seen.push(await greeting(port));
    expect(seen).toEqual(["a", "b", "c", "a", "b", "c"]);
  });

  it("forwards bytes both ways", async () => {
    const { port } = await setup(["a"]);
    const c = open(port);
    c.socket.write("ping 1\n");
    await c.waitFor("ping 1\n");
    expect(c.received()).toBe("a\nping 1\n");
  });

  it("forwards a client's half-close and still delivers the reply", async () => {
    const { port } = await setup(["a"]);
    const c = open(port);
    c.socket.end("last words\n");
    await c.waitFor("bye a\n");
    expect(await c.ended).toBe("end");
  });

  it("skips a backend that refuses and keeps the bytes sent meanwhile", async () => {
    const { proxy, servers, port } = await setup(["a"]);
    proxy.setBackends([{ host: "127.0.0.1", port: await freePort() }, backend(servers[0]!)]);
    const c = open(port);
    c.socket.write("early\n");
    await c.waitFor("early\n");
    expect(c.received()).toBe("a\nearly\n");
  });

  it("resets a connection at once when there is no backend", async () => {
    const { proxy, port } = await setup([]);
    expect(proxy.backends).toEqual([]);
    const c = open(port);
    expect(await c.ended).toBe("reset");
    expect(c.received()).toBe("");
  });

  it("resets a connection when every backend refuses", async () => {
    const { proxy, port } = await setup([]);
    proxy.setBackends([
      { host: "127.0.0.1", port: await freePort() },
      { host: "127.0.0.1", port: await freePort() },
    ]);
    expect(await open(port).ended).toBe("reset");
  });

  it("keeps established connections when the backends change, and sends new ones to the new set", async () => {
    const { proxy, servers, port } = await setup(["a", "b"]);
    const toA = open(port);
    await toA.waitFor("a\n");
    const toB = open(port);
    await toB.waitFor("b\n");
    proxy.setBackends([backend(servers[0]!)]);
    toA.socket.write("still a\n");
    toB.socket.write("still b\n");
    await toA.waitFor("still a\n");
    await toB.waitFor("still b\n");
    expect([await greeting(port), await greeting(port)]).toEqual(["a", "a"]);
    // The two greeting connections are gone once their close has travelled through the proxy.
    await waitFor(() => proxy.connections === 2, "the two established connections alone");
    expect(toA.socket.destroyed || toB.socket.destroyed).toBe(false);
  });

  it("keeps a client on its backend with client-IP affinity, until the backend leaves or the timeout passes", async () => {
    const { proxy, servers, port } = await setup(["a", "b"]);
    let now = 0;
    const sticky = new PortProxy({ now: () => now });
    cleanups.push(() => sticky.close());
    sticky.setAffinity(1000);
    sticky.setBackends(servers.map(backend));
    const stickyPort = await sticky.listen({ host: "127.0.0.1", port: 0 });
    expect([await greeting(stickyPort), await greeting(stickyPort), await greeting(stickyPort)]).toEqual([
      "a",
      "a",
      "a",
    ]);
    sticky.setBackends([backend(servers[1]!), backend(servers[0]!)]);
    expect(await greeting(stickyPort)).toBe("a");
    sticky.setBackends([backend(servers[1]!)]);
    expect(await greeting(stickyPort)).toBe("b");
    sticky.setBackends(servers.map(backend));
    // Each expiry chooses afresh, in turn: two expiries in a row land on both backends.
    now += 1001;
    const first = await greeting(stickyPort);
    now += 1001;
    expect([first, await greeting(stickyPort)].sort()).toEqual(["a", "b"]);
    expect(await greeting(port)).toBe("a"); // the plain proxy still rotates
    expect(proxy.backends).toHaveLength(2);
  });

  it("serves one backend set on several listeners", async () => {
    const { proxy, port } = await setup(["a", "b"]);
    const second = await proxy.listen({ host: "127.0.0.1", port: 0 });
    expect([await greeting(port), await greeting(second)]).toEqual(["a", "b"]);
  });

  it("closes its listeners and every forwarded connection on close", async () => {
    const { proxy, port } = await setup(["a"]);
    const c = open(port);
    await c.waitFor("a\n");
    await proxy.close();
    expect(["end", "reset", "closed"]).toContain(await c.ended);
    expect(await open(port).ended).toBe("ECONNREFUSED");
  });

  it("rejects a listen on a port in use", async () => {
    const { port } = await setup(["a"]);
    const other = new PortProxy();
    cleanups.push(() => other.close());
    await expect(other.listen({ host: "127.0.0.1", port })).rejects.toThrow(/EADDRINUSE/);
  });
});
