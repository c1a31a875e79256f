/**
 * Pod workers: one serial worker per pod uid, reached through a single entry point, updatePod.
 *
 * State timeline of a worker, which only moves forward:
 *
 *   syncing ──(deletionTimestamp set, or the pod left the store)──▶ terminating ──▶ terminated
 *
 * - syncing: every update runs `sync(pod)`, which converges the containers and writes status.
 * - terminating: `terminate(pod, gone)` stops the containers (SIGTERM, grace, SIGKILL), removes them
 *   and the sandbox, and deletes the pod object; it is retried until it succeeds.
 * - terminated: further updates for the uid are ignored (a late event never restarts a pod); the
 *   worker is forgotten once the pod has left the store.
 *
 * Concurrency: at most one sync or terminate runs per uid; different pods run in parallel. Updates
 * that arrive while one runs coalesce: only the latest pod is synced next. A failed run is retried
 * with back-off; a sync may ask to run again after a delay (a back-off expiring).
 */
import type { Pod } from "../api/types/pod.js";

export type PodWorkerState = "syncing" | "terminating" | "terminated";

export interface PodUpdate {
  pod: Pod;
  /** The pod is no longer in the store: terminate without deleting it. */
  gone?: boolean;
}

export interface SyncResult {
  /** Sync again after this long even without an update. */
  requeueAfterMs?: number;
}

export interface PodWorkersOptions {
  sync: (pod: Pod) => Promise<SyncResult>;
  terminate: (pod: Pod, gone: boolean) => Promise<void>;
  /** Called once a pod has terminated. */
  onTerminated?: (uid: string) => void;
  log?: (message: string) => void;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

interface Worker {
  state: PodWorkerState;
  pod: Pod;
  gone: boolean;
  pending: PodUpdate | undefined;
  running: boolean;
  failures: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  idle: Promise<void>;
  settle: () => void;
}

export class PodWorkers {
  readonly #options: Required<Omit<PodWorkersOptions, "onTerminated">> & Pick<PodWorkersOptions, "onTerminated">;
  readonly #workers = new Map<string, Worker>();
  #stopped = false;

  constructor({ retryBaseMs = 500, retryMaxMs = 30_000, log = () => {}, ...rest }: PodWorkersOptions) {
    this.#options = { retryBaseMs, retryMaxMs, log, ...rest };
  }

  /** The single entry point: the latest state of a pod (or that it left the store). */
  updatePod(update: PodUpdate): void {
    const uid = update.pod.metadata.uid;
    if (!uid || this.#stopped) return;
    let worker = this.#workers.get(uid);
    if (worker?.state === "terminated") {
      if (update.gone) this.#workers.delete(uid);
      return;
    }
    if (!worker) {
      worker = {
        state: "syncing",
        pod: update.pod,
        gone: false,
        pending: undefined,
        running: false,
        failures: 0,
        timer: undefined,
        idle: Promise.resolve(),
        settle: () => {},
      };
      this.#workers.set(uid, worker);
    }
    // A pod that is gone stays gone, even if an older copy of it arrives later.
    worker.pending = { pod: update.pod, gone: update.gone === true || worker.gone };
    if (!worker.running) this.#start(uid, worker);
  }

  state(uid: string): PodWorkerState | undefined {
    return this.#workers.get(uid)?.state;
  }

  /** Uids with a worker that has not terminated. */
  activeUids(): string[] {
    return [...this.#workers].filter(([, w]) => w.state !== "terminated").map(([uid]) => uid);
  }

  /** Resolves once the worker of `uid` has nothing to run (for tests and shutdown). */
  async idle(uid: string): Promise<void> {
    await this.#workers.get(uid)?.idle;
  }

  /** Stops scheduling work; runs in progress finish. */
  stop(): void {
    this.#stopped = true;
    for (const w of this.#workers.values()) clearTimeout(w.timer);
  }

  #start(uid: string, worker: Worker): void {
    worker.running = true;
    worker.idle = new Promise((resolve) => {
      worker.settle = resolve;
    });
    void this.#loop(uid, worker);
  }

  async #loop(uid: string, worker: Worker): Promise<void> {
    while (worker.pending && !this.#stopped) {
      const update = worker.pending;
      worker.pending = undefined;
      clearTimeout(worker.timer);
      worker.pod = update.pod;
      worker.gone = update.gone === true;
      if (worker.state === "syncing" && (worker.gone || update.pod.metadata.deletionTimestamp)) {
        worker.state = "terminating";
      }
      try {
        if (worker.state === "terminating") {
          await this.#options.terminate(update.pod, worker.gone);
          worker.state = "terminated";
          worker.pending = undefined;
          this.#options.onTerminated?.(uid);
          if (worker.gone) this.#workers.delete(uid);
        } else {
          const result = await this.#options.sync(update.pod);
          worker.failures = 0;
          if (result.requeueAfterMs !== undefined) this.#schedule(worker, result.requeueAfterMs);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#options.log(`pod ${update.pod.metadata.namespace}/${update.pod.metadata.name}: ${message}`);
        const delay = Math.min(this.#options.retryBaseMs * 2 ** worker.failures, this.#options.retryMaxMs);
        worker.failures++;
        this.#schedule(worker, delay);
      }
    }
    worker.running = false;
    worker.settle();
  }

  /** Runs the worker again with its latest pod after `ms`, unless an update comes first. */
  #schedule(worker: Worker, ms: number): void {
    clearTimeout(worker.timer);
    worker.timer = setTimeout(() => {
      worker.timer = undefined;
      if (!worker.pending) this.updatePod({ pod: worker.pod, gone: worker.gone });
    }, ms);
    worker.timer.unref?.();
  }
}
