import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteBackend } from "../../../src/store/sqlite-backend.js";
import { TempDirs } from "../../helpers/store-temp.js";

const temp = new TempDirs();
afterAll(() => temp.cleanup());

const writer = fileURLToPath(new URL("../../helpers/store-sqlite-writer.ts", import.meta.url));
const KILL_AFTER = 300;

describe("SqliteBackend durability", () => {
  it("keeps every acknowledged write when the writing process is killed mid-stream", async () => {
    const path = join(await temp.make(), "state.db");
    const child = spawn(process.execPath, ["--import", "tsx", writer, path], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const acknowledged = new Map<string, number>();
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    for await (const line of createInterface({ input: child.stdout })) {
      const [key = "", revision = ""] = line.split(" ");
      acknowledged.set(key, Number(revision));
      if (acknowledged.size === KILL_AFTER) child.kill("SIGKILL");
    }
    expect(await exited, stderr).toBe("SIGKILL");
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);

    const kv = await openSqliteBackend(path);
    try {
      const lastAcknowledged = Math.max(...acknowledged.values());
      expect(await kv.currentRevision()).toBeGreaterThanOrEqual(lastAcknowledged);
      for (const [key, revision] of acknowledged) {
        const stored = await kv.get(key);
        expect(stored?.modRevision, key).toBe(revision);
        expect(stored?.value).toBe(`value-${Number(key.slice(3))}`);
      }
      expect((await kv.put("/after-restart", "x")).ok).toBe(true);
    } finally {
      await kv.close();
    }
  });
});
