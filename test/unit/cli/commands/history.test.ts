import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { historyCommand } from "../../../../src/cli/commands/history.js";
import { type SyncRecord, writeSyncRecord } from "../../../../src/gitops/index.js";
import { createRegistry, MemoryBackend, type Registry } from "../../../../src/store/index.js";

const NOW = Date.parse("2026-11-22T12:00:00Z");

function record(overrides: Partial<SyncRecord>): SyncRecord {
  return {
    sourceId: "app",
    revision: "0123456789abcdef0123456789abcdef01234567",
    startedAt: "2026-11-22T11:00:00.000Z",
    finishedAt: "2026-11-22T11:00:01.000Z",
    dryRun: false,
    outcome: "succeeded",
    summary: { create: 2, patch: 0, delete: 0, unchanged: 0 },
    steps: [],
    errors: [],
    warnings: [],
    trigger: "push",
    author: "Ada Lovelace <ada@example.com>",
    message: "Initial manifests\n\nwith a body",
    ...overrides,
  };
}

describe("historyCommand", () => {
  let registry: Registry;
  beforeEach(async () => {
    registry = createRegistry(new MemoryBackend());
    await writeSyncRecord(registry, record({}));
    await writeSyncRecord(
      registry,
      record({
        revision: "fedcba9876543210fedcba9876543210fedcba98",
        startedAt: "2026-11-22T11:30:00.000Z",
        summary: { create: 0, patch: 1, delete: 1, unchanged: 1 },
        author: "Grace Hopper <grace@example.com>",
        message: "Retire the old service",
      }),
    );
  });
  afterEach(async () => {
    await registry.close();
  });

  it("lists syncs newest first with revision, changes, author, age and the message's first line", async () => {
    const result = await historyCommand(registry, { now: NOW });
    expect(result.exitCode).toBe(0);
    expect(result.output.split("\n")).toEqual([
      "REVISION   SOURCE   TRIGGER   OUTCOME     CHANGES   AUTHOR         AGE   MESSAGE",
      "fedcba9    app      push      succeeded   ~1 -1     Grace Hopper   30m   Retire the old service",
      "0123456    app      push      succeeded   +2        Ada Lovelace   60m   Initial manifests",
    ]);
  });

  it("shows only the newest N with a limit, as JSON records", async () => {
    const result = await historyCommand(registry, { limit: 1, output: "json" });
    const parsed = JSON.parse(result.output) as SyncRecord[];
    expect(parsed.map((r) => r.message)).toEqual(["Retire the old service"]);
  });

  it("refuses a limit that is not a positive whole number", async () => {
    await expect(historyCommand(registry, { limit: 0 })).rejects.toMatchObject({ code: "Usage" });
  });

  it("says so when nothing was synced yet", async () => {
    const empty = createRegistry(new MemoryBackend());
    const result = await historyCommand(empty);
    expect(result.notes).toBe("no syncs recorded yet");
    await empty.close();
  });
});
