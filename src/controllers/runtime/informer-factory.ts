import type { Client } from "../../api/client.js";
import type { KubeObject } from "../../api/object.js";
import { createInformer, type Informer, type InformerOptions } from "./informer.js";
import type { Log } from "./log.js";

export interface InformerFactoryOptions {
  /** Resync period for every informer the factory makes (0 or omitted: never). */
  resyncMs?: number;
  log?: Log;
}

/** Which objects an informer reflects: kind plus namespace and selectors. */
export type InformerScope = Pick<InformerOptions, "namespace" | "labelSelector" | "fieldSelector">;

/**
 * Shares one informer (one list, one watch, one cache) per kind and scope among every controller of
 * a process, as client-go's SharedInformerFactory does. Informers asked for after start() start at
 * once.
 */
export class InformerFactory {
  readonly #client: Client;
  readonly #options: InformerFactoryOptions;
  readonly #informers = new Map<string, Informer>();
  #started = false;

  constructor(client: Client, options: InformerFactoryOptions = {}) {
    this.#client = client;
    this.#options = options;
  }

  /**
   * The shared informer for kind and scope; `indexers` are added to its cache. The type parameter
   * is the caller's promise about the kind's shape.
   */
  informer<T extends KubeObject = KubeObject>(
    kind: string,
    scope: InformerScope = {},
    indexers: InformerOptions<T>["indexers"] = {},
  ): Informer<T> {
    const id = JSON.stringify([kind, scope.namespace ?? "", scope.labelSelector ?? "", scope.fieldSelector ?? ""]);
    let informer = this.#informers.get(id) as Informer<T> | undefined;
    if (!informer) {
      const options: InformerOptions<T> = { ...scope };
      if (this.#options.resyncMs) options.resyncMs = this.#options.resyncMs;
      if (this.#options.log) options.log = this.#options.log;
      informer = createInformer<T>(this.#client, kind, options);
      this.#informers.set(id, informer as unknown as Informer);
      if (this.#started) informer.start();
    }
    informer.addIndexers(indexers);
    return informer;
  }

  /** Starts every informer made so far and every one made later. */
  start(): void {
    this.#started = true;
    for (const informer of this.#informers.values()) informer.start();
  }

  /** Resolves true once every informer has synced; false if one is stopped or the signal aborts. */
  async waitForSync(signal?: AbortSignal): Promise<boolean> {
    const results = await Promise.all([...this.#informers.values()].map((i) => i.waitForSync(signal)));
    return results.every(Boolean);
  }

  stop(): void {
    for (const informer of this.#informers.values()) informer.stop();
  }
}
