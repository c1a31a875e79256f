/**
 * `rollout status | history | undo | pause | resume | restart` for Deployments, as kubectl's: status waits on
 * the Deployment's own status, history and undo read the revisions of the ReplicaSets it controls.
 */
import type { Client } from "../../api/client.js";
import { isSlipwayError, SlipwayError } from "../../api/errors.js";
import type { Deployment, ReplicaSet } from "../../api/types/apps.js";
import type { PodTemplateSpec } from "../../api/types/pod.js";
import {
  ANNOTATIONS_TO_SKIP,
  CHANGE_CAUSE_ANNOTATION,
  equalIgnoreHash,
  getCondition,
  REASON,
  revisionOf,
  withoutHashLabel,
} from "../../controllers/deployment/index.js";
import { objectName } from "../output/format.js";
import { renderTable } from "../output/table.js";
import { type CommandResult, EXIT, ok } from "../result.js";

export interface RolloutTarget {
  namespace?: string;
}

async function getDeployment(client: Client, name: string, namespace: string): Promise<Deployment> {
  return (await client.get("Deployment", namespace, name)) as Deployment;
}

/** The ReplicaSets the Deployment controls, by controller reference. */
async function replicaSetsOf(client: Client, d: Deployment): Promise<ReplicaSet[]> {
  const list = await client.list("ReplicaSet", { namespace: d.metadata.namespace ?? "default" });
  return (list.items as ReplicaSet[]).filter((rs) =>
    rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid),
  );
}

/** Where a rollout stands, in kubectl's words (DeploymentStatusViewer). */
export function deploymentRolloutStatus(d: Deployment): { message: string; done: boolean; error?: string } {
  const name = d.metadata.name ?? "";
  const status = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return { message: "Waiting for deployment spec update to be observed...", done: false };
  }
  if (getCondition(status, "Progressing")?.reason === REASON.timedOut) {
    return { message: "", done: false, error: `deployment "${name}" exceeded its progress deadline` };
  }
  const replicas = d.spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const wait = `Waiting for deployment "${name}" rollout to finish:`;
  if (updated < replicas) {
    return { message: `${wait} ${updated} out of ${replicas} new replicas have been updated...`, done: false };
  }
  if ((status.replicas ?? 0) > updated) {
    return {
      message: `${wait} ${(status.replicas ?? 0) - updated} old replicas are pending termination...`,
      done: false,
    };
  }
  if ((status.availableReplicas ?? 0) < updated) {
    const available = status.availableReplicas ?? 0;
    return { message: `${wait} ${available} of ${updated} updated replicas are available...`, done: false };
  }
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

type WatchVerdict = { verdict: "done" | "ended" | "stopped" } | { verdict: "error"; error: string };

/**
 * Watches one Deployment from the version read, reporting each status message, until the rollout
 * succeeds or fails, `stop` aborts, or the watch ends (the caller reads again and re-watches).
 */
function watchUntilSettled(
  client: Client,
  d: Deployment,
  stop: AbortSignal,
  say: (line: string) => void,
): Promise<WatchVerdict> {
  if (stop.aborted) return Promise.resolve({ verdict: "stopped" });
  const name = d.metadata.name ?? "";
  return new Promise((resolve) => {
    let outcome: WatchVerdict = { verdict: "ended" };
    const options = {
      namespace: d.metadata.namespace ?? "default",
      fieldSelector: `metadata.name=${name}`,
      resourceVersion: d.metadata.resourceVersion ?? "",
    };
    const w = client.watch("Deployment", options, (event) => {
      if (outcome.verdict !== "ended") return;
      if (event.type === "DELETED") {
        outcome = { verdict: "error", error: `deployment "${name}" was deleted` };
        w.stop();
        return;
      }
      if (event.type !== "ADDED" && event.type !== "MODIFIED") return;
      const status = deploymentRolloutStatus(event.object as Deployment);
      if (status.error) outcome = { verdict: "error", error: status.error };
      else {
        say(status.message);
        if (status.done) outcome = { verdict: "done" };
      }
      if (outcome.verdict !== "ended") w.stop();
    });
    const onStop = () => {
      if (outcome.verdict === "ended") outcome = { verdict: "stopped" };
      w.stop();
    };
    stop.addEventListener("abort", onStop, { once: true });
    const finish = () => {
      stop.removeEventListener("abort", onStop);
      resolve(outcome);
    };
    w.done.then(finish, finish);
  });
}

export interface RolloutStatusOptions extends RolloutTarget {
  /** Wait for the rollout to finish (default true); false prints the current state once. */
  watch?: boolean;
  /** Give up after this long (0 or omitted: wait forever). */
  timeoutMs?: number;
  /** Streams each new message as it happens; without it the messages are collected into output. */
  write?: (line: string) => void;
  /** Aborting stops waiting (exit code 1, like a timeout). */
  signal?: AbortSignal;
}

/**
 * Prints kubectl's rollout messages until the rollout succeeds (exit 0), its progress deadline is
 * exceeded or the timeout passes (exit 1, the reason in notes). Watches the Deployment from the
 * version read and re-reads it whenever the watch ends.
 */
export async function rolloutStatus(
  client: Client,
  name: string,
  options: RolloutStatusOptions,
): Promise<CommandResult> {
  const { namespace = "default", watch = true, timeoutMs = 0, write, signal } = options;
  const lines: string[] = [];
  let last: string | undefined;
  const say = (line: string) => {
    if (line === last) return;
    last = line;
    if (write) write(line);
    else lines.push(line);
  };
  const result = (exitCode: number, notes?: string): CommandResult => {
    const output = lines.join("\n");
    return notes === undefined ? { output, exitCode } : { output, exitCode, notes };
  };
  const stop = new AbortController();
  const timer = timeoutMs > 0 ? setTimeout(() => stop.abort(), timeoutMs) : undefined;
  const onAbort = () => stop.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    for (;;) {
      const d = await getDeployment(client, name, namespace);
      const first = deploymentRolloutStatus(d);
      if (first.error) return result(EXIT.changes, `error: ${first.error}`);
      say(first.message);
      if (first.done || !watch) return result(EXIT.ok);
      const outcome = await watchUntilSettled(client, d, stop.signal, say);
      if (outcome.verdict === "done") return result(EXIT.ok);
      if (outcome.verdict === "error") return result(EXIT.changes, `error: ${outcome.error}`);
      if (outcome.verdict === "stopped") return result(EXIT.changes, "error: timed out waiting for the condition");
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function describeTemplate(template: PodTemplateSpec): string[] {
  const out = ["Pod Template:"];
  const map = (title: string, values: Record<string, string> | undefined) => {
    const entries = Object.entries(values ?? {});
    if (entries.length === 0) out.push(`  ${title}:\t<none>`);
    for (const [i, [k, v]] of entries.entries()) out.push(`${i === 0 ? `  ${title}:\t` : "\t"}${k}=${v}`);
  };
  map("Labels", template.metadata?.labels);
  map("Annotations", template.metadata?.annotations);
  out.push("  Containers:");
  for (const c of template.spec.containers) {
    out.push(`   ${c.name}:`, `    Image:\t${c.image ?? "<none>"}`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`);
    out.push(`    Port:\t${ports.length > 0 ? ports.join(", ") : "<none>"}`);
    if (c.command) out.push(`    Command:\t${c.command.join(" ")}`);
    if (c.args) out.push(`    Args:\t${c.args.join(" ")}`);
    const env = (c.env ?? []).map((e) => `${e.name}=${e.value ?? "<from reference>"}`);
    out.push(`    Environment:\t${env.length > 0 ? env.join(", ") : "<none>"}`);
  }
  const volumes = (template.spec.volumes ?? []).map((v) => v.name);
  out.push(`  Volumes:\t${volumes.length > 0 ? volumes.join(", ") : "<none>"}`);
  return out;
}

export interface RolloutHistoryOptions extends RolloutTarget {
  /** Show the pod template of this revision instead of the table. */
  revision?: number;
}

/** kubectl's REVISION / CHANGE-CAUSE table, or one revision's pod template. */
export async function rolloutHistory(client: Client, name: string, options: RolloutHistoryOptions = {}) {
  const d = await getDeployment(client, name, options.namespace ?? "default");
  const byRevision = new Map<number, ReplicaSet>();
  for (const rs of await replicaSetsOf(client, d)) byRevision.set(revisionOf(rs), rs);
  if (byRevision.size === 0) return ok("No rollout history found.");
  if (options.revision !== undefined && options.revision > 0) {
    const rs = byRevision.get(options.revision);
    if (!rs?.spec.template)
      throw new SlipwayError("NotFound", `unable to find the specified revision ${options.revision}`);
    const template = structuredClone(rs.spec.template);
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    if (cause)
      template.metadata = {
        ...template.metadata,
        annotations: { ...template.metadata?.annotations, [CHANGE_CAUSE_ANNOTATION]: cause },
      };
    return ok([`${objectName(d)} with revision #${options.revision}`, ...describeTemplate(template)].join("\n"));
  }
  const rows = [...byRevision.entries()]
    .sort(([a], [b]) => a - b)
    .map(([revision, rs]) => [String(revision), rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || "<none>"]);
  return ok(`${objectName(d)}\n${renderTable(["REVISION", "CHANGE-CAUSE"], rows)}`);
}

export interface RolloutUndoOptions extends RolloutTarget {
  /** The revision to go back to; omitted or 0: the one before the current. */
  toRevision?: number;
}

/** The ReplicaSet of `toRevision`, or of the revision before the latest (kubectl's deploymentRevision). */
function revisionToRestore(d: Deployment, replicaSets: ReplicaSet[], toRevision: number): ReplicaSet {
  const sorted = [...replicaSets].sort((a, b) => revisionOf(b) - revisionOf(a));
  if (toRevision > 0) {
    const found = sorted.find((rs) => revisionOf(rs) === toRevision);
    if (!found) throw new SlipwayError("NotFound", `unable to find specified revision ${toRevision} in history`);
    return found;
  }
  const previous = sorted[1];
  if (!previous) throw new SlipwayError("NotFound", `no rollout history found for deployment "${d.metadata.name}"`);
  return previous;
}

/**
 * Rolls back like kubectl: copies the pod template (without its hash label) and the annotations
 * of the chosen revision's ReplicaSet into the Deployment; the controller then reuses that
 * ReplicaSet under a new revision. Written with the resourceVersion read.
 */
export async function rolloutUndo(client: Client, name: string, options: RolloutUndoOptions = {}) {
  const { namespace = "default", toRevision = 0 } = options;
  if (toRevision < 0) throw new SlipwayError("Usage", "unable to find specified revision: revision must be positive");
  const d = await getDeployment(client, name, namespace);
  if (d.spec.paused) {
    throw new SlipwayError("Invalid", "you cannot rollback a paused deployment; resume it first and try again", {
      hint: `slipway rollout resume deployment/${name}`,
    });
  }
  const rs = revisionToRestore(d, await replicaSetsOf(client, d), toRevision);
  if (equalIgnoreHash(rs.spec.template, d.spec.template)) {
    return ok(`${objectName(d)} skipped rollback (current template already matches revision ${revisionOf(rs)})`);
  }
  const next = structuredClone(d);
  const template = withoutHashLabel(rs.spec.template);
  if (template) next.spec.template = template;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  next.metadata.annotations = annotations;
  try {
    await client.update(next);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = isSlipwayError(error) ? error.code : "Internal";
    throw new SlipwayError(code, `failed restoring revision ${revisionOf(rs)}: ${message}`, { cause: error });
  }
  return ok(`${objectName(d)} rolled back`);
}

/** Sets spec.paused; "already paused/resumed" when nothing changes. */
async function setPaused(client: Client, name: string, paused: boolean, options: RolloutTarget) {
  const d = await getDeployment(client, name, options.namespace ?? "default");
  const word = paused ? "paused" : "resumed";
  if (Boolean(d.spec.paused) === paused) return ok(`${objectName(d)} already ${word}`);
  const next = structuredClone(d);
  next.spec.paused = paused;
  await client.update(next);
  return ok(`${objectName(d)} ${word}`);
}

/**
 * Restarts every pod of the Deployment through a rollout, as kubectl does: stamps the template
 * with a `kubectl.kubernetes.io/restartedAt` annotation, so the controller sees a new template.
 */
export async function rolloutRestart(client: Client, name: string, options: RolloutTarget & { now?: () => Date } = {}) {
  const d = await getDeployment(client, name, options.namespace ?? "default");
  if (d.spec.paused) {
    throw new SlipwayError("Invalid", `can't restart paused deployment (run rollout resume first)`, {
      hint: `slipway rollout resume deployment/${name}`,
    });
  }
  const next = structuredClone(d);
  next.spec.template.metadata ??= {};
  const metadata = next.spec.template.metadata;
  metadata.annotations = {
    ...metadata.annotations,
    "kubectl.kubernetes.io/restartedAt": (options.now ?? (() => new Date()))().toISOString(),
  };
  await client.update(next);
  return ok(`${objectName(d)} restarted`);
}

export const rolloutPause = (client: Client, name: string, options: RolloutTarget = {}) =>
  setPaused(client, name, true, options);
export const rolloutResume = (client: Client, name: string, options: RolloutTarget = {}) =>
  setPaused(client, name, false, options);

/**
 * The Deployment name from kubectl-style arguments: `deployment/web`, `deploy/web`, or
 * `deployment web`. Throws Usage for another kind or a missing name.
 */
export function rolloutTarget(args: readonly string[]): string {
  const [first = "", second] = args;
  const slash = first.indexOf("/");
  const [kindWord, name] = slash >= 0 ? [first.slice(0, slash), first.slice(slash + 1)] : [first, second];
  if (!["deployment", "deployments", "deploy"].includes(kindWord.toLowerCase().replace(/\.apps$/, ""))) {
    throw new SlipwayError("Usage", `rollout works on deployments, not "${kindWord}"`, {
      hint: "slipway rollout status deployment/NAME",
    });
  }
  if (!name || args.length > (slash >= 0 ? 1 : 2))
    throw new SlipwayError("Usage", "rollout needs exactly one deployment");
  return name;
}

/** A kubectl duration (`90s`, `5m`, `1h`, `1m30s`, or plain seconds) in milliseconds; `0` means none. */
export function parseTimeout(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
    throw new SlipwayError("Usage", `invalid duration "${text}": use e.g. 90s, 5m or 1m30s`);
  }
  return parts.reduce((total, p) => total + Number(p[1]) * (units[p[2] ?? "s"] ?? 1000), 0);
}
