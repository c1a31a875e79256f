/**
 * Runs every benchmark and rewrites test/bench/RESULTS.md. Each benchmark reports a ratio against a
 * baseline measured in the same run on the same machine, never an absolute pass/fail time.
 * Usage: npm run bench
 */

import { writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { resolve } from "node:path";
import { benchApply10k } from "./apply-10k.js";
import { benchPodStart } from "./pod-start.js";
import { benchProxy } from "./proxy.js";
import { benchScaleOut } from "./scale-out.js";
import { benchScheduler } from "./scheduler.js";
import { benchSelfHeal } from "./self-heal.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

const sections: string[] = [];
log("bench: apply 10k objects");
sections.push(await benchApply10k(log));
log("bench: scheduler, 5,000 nodes × 10,000 pods");
sections.push(await benchScheduler(log));
log("bench: pod start on Docker, 30 pods");
sections.push(await benchPodStart(log));
log("bench: scale-out 0 → 100 replicas on Docker");
sections.push(await benchScaleOut(log));
log("bench: self-heal on Docker");
sections.push(await benchSelfHeal(log));
log("bench: service proxy, HTTP through a NodePort vs direct");
sections.push(await benchProxy(log));

const header = [
  "# Benchmark results",
  "",
  `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(2)} at start.`,
  "Regenerate with `npm run bench`.",
  "",
];
const text = [...header, ...sections].join("\n");
await writeFile(resolve(import.meta.dirname, "RESULTS.md"), text);
process.stdout.write(text);
