/**
 * Issue 2's benchmark: plan + apply of 10,000 objects read from a folder into an empty SQLite
 * store, then a no-change resync — against a raw batched insert of the same objects into the same
 * SQLite layout, with the same durability settings, in the same run.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { loadManifests, ManifestCache } from "../../src/source/index.js";
import { createRegistry, openSqliteBackend } from "../../src/store/index.js";
import { SCHEMA } from "../../src/store/sqlite-schema.js";
import { apply, plan, readLive } from "../../src/sync/index.js";
import { writeBenchManifests } from "./manifests.js";
import { median, timed } from "./stats.js";

const COUNT = 10_000;
const ROUNDS = 3;
/**
 * Steps of one kind in flight at once. The in-process registry commits the writes issued in one
 * event-loop turn together (one fsync), so this is also the group-commit size: an in-process
 * caller (the watcher) passes the same; over HTTP the default of 16 keeps the socket count low.
 */
const APPLY_CONCURRENCY = 1024;

function rawBatchedInsert(path: string, rows: { key: string; value: string }[]): void {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(SCHEMA);
  const insert = db.prepare("INSERT INTO kv (key, value, create_rev, mod_rev) VALUES (?, ?, ?, ?)");
  db.transaction(() => {
    rows.forEach((r, i) => {
      insert.run(r.key, r.value, i + 1, i + 1);
    });
  })();
  db.close();
}

export interface ApplyBenchResult {
  rawMs: number;
  slipwayMs: number;
  phases: { loadMs: number; readLiveMs: number; planMs: number; applyMs: number };
  resync: { loadMs: number; readLiveMs: number; planMs: number; steps: number; changes: number };
}

async function oneRound(dir: string, work: string, round: number): Promise<ApplyBenchResult> {
  const objects = (await loadManifests(dir)).objects.map((o) => o.object);
  const rows = objects.map((o) => ({
    key: `/registry/${o.kind}/${o.metadata.namespace ?? "default"}/${o.metadata.name}`,
    value: JSON.stringify(o),
  }));
  const raw = await timed(() => rawBatchedInsert(join(work, `raw-${round}.db`), rows));

  const registry = createRegistry(await openSqliteBackend(join(work, `slipway-${round}.db`)));
  await registry.list("Namespace");
  const cache = new ManifestCache();
  const sourceId = "bench";
  const loaded = await timed(() => loadManifests(dir, { cache }));
  const live = await timed(() => readLive(registry, { desired: loaded.value.objects, sourceId }));
  const planned = await timed(() => plan({ desired: loaded.value.objects, live: live.value, sourceId }));
  const applied = await timed(() => apply(planned.value, registry, { concurrency: APPLY_CONCURRENCY }));
  const failed = applied.value.steps.filter((s) => s.outcome === "failed");
  if (failed.length > 0) throw new Error(`apply failed: ${failed[0]?.error}`);

  const reloaded = await timed(() => loadManifests(dir, { cache }));
  const relive = await timed(() => readLive(registry, { desired: reloaded.value.objects, sourceId }));
  const replanned = await timed(() => plan({ desired: reloaded.value.objects, live: relive.value, sourceId }));
  const s = replanned.value.summary;
  await registry.close();
  return {
    rawMs: raw.ms,
    slipwayMs: loaded.ms + live.ms + planned.ms + applied.ms,
    phases: { loadMs: loaded.ms, readLiveMs: live.ms, planMs: planned.ms, applyMs: applied.ms },
    resync: {
      loadMs: reloaded.ms,
      readLiveMs: relive.ms,
      planMs: replanned.ms,
      steps: replanned.value.steps.length,
      changes: s.create + s.patch + s.delete,
    },
  };
}

/** Runs the benchmark and returns a markdown section for RESULTS.md. */
export async function benchApply10k(log: (line: string) => void): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), "slipway-bench-"));
  try {
    const dir = join(work, "manifests");
    await writeBenchManifests(dir, COUNT);
    const rounds: ApplyBenchResult[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      rounds.push(await oneRound(dir, work, r));
      log(
        `  round ${r + 1}/${ROUNDS}: slipway ${rounds[r]!.slipwayMs.toFixed(0)} ms, raw ${rounds[r]!.rawMs.toFixed(0)} ms`,
      );
    }
    const m = (f: (r: ApplyBenchResult) => number) => median(rounds.map(f));
    const rawRate = COUNT / (m((r) => r.rawMs) / 1000);
    const slipwayRate = COUNT / (m((r) => r.slipwayMs) / 1000);
    const ratio = slipwayRate / rawRate;
    const resyncPlan = m((r) => r.resync.planMs);
    const changes = Math.max(...rounds.map((r) => r.resync.changes));
    const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
    return [
      `### Plan + apply of ${COUNT.toLocaleString("en")} objects into an empty SQLite store`,
      "",
      `Median of ${ROUNDS} rounds; each round uses fresh database files.`,
      "",
      "| measure | value | target |",
      "|---|---|---|",
      `| raw batched insert (one transaction, WAL, synchronous=FULL) | ${rawRate.toFixed(0)} objects/s (${m((r) => r.rawMs).toFixed(0)} ms) | baseline |`,
      `| slipway load + read live + plan + apply | ${slipwayRate.toFixed(0)} objects/s (${m((r) => r.slipwayMs).toFixed(0)} ms) | |`,
      `| ratio slipway / raw | ${ratio.toFixed(3)} | ≥ 0.1: ${verdict(ratio >= 0.1)} |`,
      `| phases: load / read live / plan / apply | ${m((r) => r.phases.loadMs).toFixed(0)} / ${m((r) => r.phases.readLiveMs).toFixed(0)} / ${m((r) => r.phases.planMs).toFixed(0)} / ${m((r) => r.phases.applyMs).toFixed(0)} ms | |`,
      `| no-change resync: planning | ${resyncPlan.toFixed(1)} ms (${changes} changes found) | < 100 ms: ${verdict(resyncPlan < 100 && changes === 0)} |`,
      `| no-change resync: load (cached) / read live | ${m((r) => r.resync.loadMs).toFixed(0)} / ${m((r) => r.resync.readLiveMs).toFixed(0)} ms | |`,
      "",
    ].join("\n");
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
