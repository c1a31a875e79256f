import type { Client } from "../../api/client.js";
import { InformerFactory } from "../runtime/informer-factory.js";
import type { Log } from "../runtime/log.js";
import { runReplicaController } from "./replica-controller.js";
import { REPLICA_SET, REPLICATION_CONTROLLER } from "./replica-kind.js";

export interface StartReplicationControllersOptions {
  client: Client;
  signal: AbortSignal;
  /** Workers per kind (default 2). */
  workers?: number;
  log?: Log;
  /**
   * Shared informers to read from (started here if not yet). Default: a factory of its own over
   * `client`, stopped when the signal aborts.
   */
  informers?: InformerFactory;
  now?: () => Date;
}

/**
 * Runs the ReplicationController and ReplicaSet controllers until the signal aborts. Resolves once
 * both have stopped. Wire into `slipway up` as `void startReplicationControllers({ client, signal })`.
 */
export async function startReplicationControllers({
  client,
  signal,
  workers,
  log,
  informers,
  now,
}: StartReplicationControllersOptions): Promise<void> {
  const factory = informers ?? new InformerFactory(client, log ? { log } : {});
  const common = { client, informers: factory, signal, ...(workers ? { workers } : {}), ...(log ? { log } : {}) };
  const runs = [REPLICATION_CONTROLLER, REPLICA_SET].map((kind) =>
    runReplicaController({ ...common, kind, ...(now ? { now } : {}) }),
  );
  factory.start();
  try {
    await Promise.all(runs);
  } finally {
    if (!informers) factory.stop();
  }
}
