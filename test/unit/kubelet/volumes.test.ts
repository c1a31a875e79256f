import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Pod, Volume } from "../../../src/api/types/index.js";
import { ConfigError, DataReader } from "../../../src/kubelet/index.js";
import { containerMounts, preparePodVolumes } from "../../../src/kubelet/volumes.js";
import { createRegistry, MemoryBackend } from "../../../src/store/index.js";

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

function setup() {
  const root = mkdtempSync(join(tmpdir(), "slipway-volumes-"));
  roots.push(root);
  const client = createRegistry(new MemoryBackend());
  return { root, client };
}

function pod(volumes: Volume[]): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "default", uid: "uid-1" },
    spec: { volumes, containers: [{ name: "c", image: "i" }] },
  };
}

describe("pod volumes", () => {
  it("write a Secret's decoded keys, and only the chosen items of a ConfigMap", async () => {
    const { root, client } = setup();
    await client.create({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", namespace: "default" },
      data: { token: Buffer.from("t0k").toString("base64") },
    });
    await client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "default" },
      data: { a: "1", b: "2" },
    });
    const paths = await preparePodVolumes(
      pod([
        { name: "sec", secret: { secretName: "s" } },
        { name: "cfg", configMap: { name: "c", items: [{ key: "b", path: "conf/b.txt" }] } },
      ]),
      { root, allowHostPath: false, reader: new DataReader(client) },
    );
    expect(readFileSync(join(paths.get("sec") ?? "", "token"), "utf8")).toBe("t0k");
    expect(readdirSync(paths.get("cfg") ?? "")).toEqual(["conf"]);
    expect(readFileSync(join(paths.get("cfg") ?? "", "conf/b.txt"), "utf8")).toBe("2");
  });

  it("rewrite changed data in the same directory and drop keys that left", async () => {
    const { root, client } = setup();
    const cm = await client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "default" },
      data: { a: "1", b: "2" },
    });
    const p = pod([{ name: "cfg", configMap: { name: "c" } }]);
    const first = await preparePodVolumes(p, { root, allowHostPath: false, reader: new DataReader(client) });
    const dir = first.get("cfg") ?? "";
    const inode = statSync(dir).ino;
    await client.update({ ...cm, data: { a: "changed" } });
    await preparePodVolumes(p, { root, allowHostPath: false, reader: new DataReader(client) });
    expect(statSync(dir).ino).toBe(inode);
    expect(readdirSync(dir)).toEqual(["a"]);
    expect(readFileSync(join(dir, "a"), "utf8")).toBe("changed");
  });

  it("refuse an item path that leaves the volume, and a hostPath unless allowed", async () => {
    const { root, client } = setup();
    await client.create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "default" },
      data: { a: "1" },
    });
    const reader = new DataReader(client);
    const leaving = pod([{ name: "cfg", configMap: { name: "c", items: [{ key: "a", path: "../../x" }] } }]);
    await expect(preparePodVolumes(leaving, { root, allowHostPath: false, reader })).rejects.toBeInstanceOf(
      ConfigError,
    );
    const host = pod([{ name: "h", hostPath: { path: "/var/log" } }]);
    await expect(preparePodVolumes(host, { root, allowHostPath: false, reader })).rejects.toBeInstanceOf(ConfigError);
    const paths = await preparePodVolumes(host, { root, allowHostPath: true, reader });
    const mounts = containerMounts(
      host,
      { name: "c", image: "i", volumeMounts: [{ name: "h", mountPath: "/logs", readOnly: true }] },
      paths,
    );
    expect(mounts).toEqual([{ hostPath: "/var/log", containerPath: "/logs", readOnly: true }]);
  });
});
