/**
 * Probe workers for the running containers of a node. Each tracked container has up to three
 * probes with Kubernetes' timing: the first run `initialDelaySeconds` after the container started,
 * then every `periodSeconds`; a result flips after `successThreshold` passes or `failureThreshold`
 * failures in a row. Until a startup probe passes no other probe runs. Readiness starts failed,
 * liveness and startup start passed/pending. `tick()` runs whatever is due (called on a short
 * timer); a result that flips calls `onChange(podUid)` so the pod worker syncs.
 */
import type { Container, Probe } from "../api/types/container.js";
import { probeOutcome } from "./probe-handlers.js";
import type { ContainerRuntime } from "./runtime/container-runtime.js";

export type ProbeKind = "startup" | "liveness" | "readiness";

interface ProbeState {
  probe: Probe;
  passing: boolean;
  successes: number;
  failures: number;
  dueMs: number;
  busy: boolean;
}

interface Tracked {
  uid: string;
  containerId: string;
  container: Container;
  podIP: string;
  probes: Partial<Record<ProbeKind, ProbeState>>;
  /** Set when liveness failed or startup gave up: the container must be restarted. */
  unhealthy?: string;
}

export interface ProbeTarget {
  uid: string;
  containerId: string;
  container: Container;
  podIP: string;
  startedAtMs: number;
}

/** What the pod worker needs from a container's probes. */
export interface ProbeResults {
  started: boolean;
  ready: boolean;
  /** Why the container must be killed, when it must. */
  unhealthy?: string;
}

export interface ProbeFailure {
  uid: string;
  container: Container;
  kind: ProbeKind;
  /** Why it failed (the probe's output). */
  output: string;
}

export interface ProbeManagerOptions {
  runtime: ContainerRuntime;
  onChange: (uid: string) => void;
  /** Every failed probe run (the kubelet records an Unhealthy event for each). */
  onFailure?: (failure: ProbeFailure) => void;
  now?: () => number;
}

export class ProbeManager {
  readonly #runtime: ContainerRuntime;
  readonly #onChange: (uid: string) => void;
  readonly #onFailure: (failure: ProbeFailure) => void;
  readonly #now: () => number;
  /** By container id. */
  readonly #tracked = new Map<string, Tracked>();

  constructor({ runtime, onChange, onFailure = () => {}, now = Date.now }: ProbeManagerOptions) {
    this.#runtime = runtime;
    this.#onChange = onChange;
    this.#onFailure = onFailure;
    this.#now = now;
  }

  /** Starts probing a running container (idempotent per container id). */
  track(t: ProbeTarget): void {
    if (this.#tracked.has(t.containerId)) return;
    const probes: Tracked["probes"] = {};
    const add = (kind: ProbeKind, probe: Probe | undefined, passing: boolean) => {
      if (probe)
        probes[kind] = {
          probe,
          passing,
          successes: 0,
          failures: 0,
          dueMs: t.startedAtMs + (probe.initialDelaySeconds ?? 0) * 1000,
          busy: false,
        };
    };
    add("startup", t.container.startupProbe, false);
    add("liveness", t.container.livenessProbe, true);
    add("readiness", t.container.readinessProbe, false);
    this.#tracked.set(t.containerId, {
      uid: t.uid,
      containerId: t.containerId,
      container: t.container,
      podIP: t.podIP,
      probes,
    });
  }

  /** Stops probing every container of the pod except `keep` (the ids still running). */
  retain(uid: string, keep: Set<string>): void {
    for (const [id, t] of this.#tracked) if (t.uid === uid && !keep.has(id)) this.#tracked.delete(id);
  }

  results(containerId: string | undefined): ProbeResults {
    const t = containerId === undefined ? undefined : this.#tracked.get(containerId);
    if (!t) return { started: true, ready: true };
    const started = t.probes.startup?.passing ?? true;
    const ready = started && (t.probes.readiness?.passing ?? true);
    return { started, ready, ...(t.unhealthy ? { unhealthy: t.unhealthy } : {}) };
  }

  /** Runs every probe that is due; resolves when they have finished. */
  async tick(): Promise<void> {
    const now = this.#now();
    const runs: Promise<void>[] = [];
    for (const t of this.#tracked.values()) {
      const startup = t.probes.startup;
      const kinds: ProbeKind[] = startup && !startup.passing ? ["startup"] : ["liveness", "readiness"];
      for (const kind of kinds) {
        const state = t.probes[kind];
        if (state && !state.busy && !t.unhealthy && now >= state.dueMs) runs.push(this.#run(t, kind, state));
      }
    }
    await Promise.all(runs);
  }

  async #run(t: Tracked, kind: ProbeKind, state: ProbeState): Promise<void> {
    state.busy = true;
    const { ok, output } = await probeOutcome(state.probe, {
      runtime: this.#runtime,
      containerId: t.containerId,
      container: t.container,
      podIP: t.podIP,
    });
    state.busy = false;
    state.dueMs = this.#now() + (state.probe.periodSeconds ?? 10) * 1000;
    if (this.#tracked.get(t.containerId) !== t) return;
    const before = state.passing;
    if (ok) {
      state.failures = 0;
      state.successes++;
      if (state.successes >= (state.probe.successThreshold ?? 1)) state.passing = true;
    } else {
      state.successes = 0;
      state.failures++;
      this.#onFailure({ uid: t.uid, container: t.container, kind, output });
      if (state.failures >= (state.probe.failureThreshold ?? 3)) {
        state.passing = false;
        if (kind === "liveness") t.unhealthy = "Liveness probe failed";
        if (kind === "startup") t.unhealthy = "Startup probe failed";
      }
    }
    if (state.passing !== before || t.unhealthy) this.#onChange(t.uid);
  }
}
