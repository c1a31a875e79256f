import { type Log, stderrLog } from "./log.js";
import type { WorkQueue } from "./work-queue.js";

export interface RunControllerOptions {
  /** Names the controller in log lines. */
  name: string;
  queue: WorkQueue<string>;
  /** How many keys may be synced at once (never the same key twice: the queue guarantees that). */
  workers?: number;
  /**
   * Converges one key. Throw to retry the key later with back-off; return to reset its back-off.
   * Must read objects from caches or the client, never trust the event that queued the key.
   */
  sync: (key: string) => Promise<void>;
  /** Aborting shuts the queue down; workers finish what is queued and return. */
  signal?: AbortSignal;
  log?: Log;
}

/**
 * Runs `workers` loops that take keys from the queue and sync them: success forgets the key's
 * back-off, failure logs one line naming the key and re-queues it rate-limited. Resolves when the
 * queue is shut down (by the signal or by its owner) and every worker has returned.
 */
export async function runController({
  name,
  queue,
  workers = 1,
  sync,
  signal,
  log = stderrLog,
}: RunControllerOptions): Promise<void> {
  const onAbort = () => void queue.shutDown();
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });

  const worker = async (): Promise<void> => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      try {
        await sync(key);
        queue.forget(key);
      } catch (error) {
        const delay = queue.addRateLimited(key);
        const message = error instanceof Error ? error.message : String(error);
        log(`${name}: sync of "${key}" failed (retry ${queue.numRequeues(key)} in ${delay} ms): ${message}`);
      } finally {
        queue.done(key);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}
