import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../../..");

/** Runs a TypeScript snippet in a fresh Node process and resolves with its exit code (null if killed). */
function runSnippet(code: string): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      // A process kept alive by a timer is killed here and reports a null exit code.
      timeout: 15_000,
    });
    child.on("error", fail);
    child.on("exit", (exitCode) => done(exitCode));
  });
}

describe("runtime timers", () => {
  it("let the process exit after the queue is shut down, with delayed adds and back-off pending", async () => {
    const code = await runSnippet(`
      import { WorkQueue } from "./src/controllers/runtime/work-queue.ts";
      const queue = new WorkQueue();
      queue.addAfter("later", 3_600_000);
      for (let i = 0; i < 30; i++) queue.addRateLimited("failing");
      await queue.shutDown();
    `);
    expect(code).toBe(0);
  }, 20_000);

  it("let the process exit after a stopped informer and controller, with resync and retries pending", async () => {
    const code = await runSnippet(`
      import { createInformer, runController, WorkQueue } from "./src/controllers/index.ts";
      import { createRegistry, MemoryBackend } from "./src/store/index.ts";
      const registry = createRegistry(new MemoryBackend());
      const informer = createInformer(registry, "ConfigMap", { resyncMs: 3_600_000 });
      informer.start();
      await informer.waitForSync();
      const abort = new AbortController();
      const queue = new WorkQueue();
      const running = runController({ name: "x", queue, sync: async () => { throw new Error("no"); }, signal: abort.signal, log: () => {} });
      queue.add("default/a");
      await new Promise((r) => setImmediate(r));
      informer.stop();
      abort.abort();
      await running;
      await registry.close();
    `);
    expect(code).toBe(0);
  }, 20_000);
});
