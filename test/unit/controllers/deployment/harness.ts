import type { KubeObject } from "../../../../src/api/object.js";
import type { Deployment, DeploymentSpec, ReplicaSet } from "../../../../src/api/types/apps.js";
import {
  createDeploymentController,
  type DeploymentController,
} from "../../../../src/controllers/deployment/controller.js";
import { InformerFactory } from "../../../../src/controllers/runtime/informer-factory.js";
import { MemoryBackend } from "../../../../src/store/memory-backend.js";
import { createRegistry, type Registry } from "../../../../src/store/registry.js";
import { waitFor } from "../../../helpers/wait-for.js";

export interface DeploymentOptions extends Partial<Omit<DeploymentSpec, "template" | "selector">> {
  image?: string;
  annotations?: Record<string, string>;
}

/** A valid Deployment of one container `app` selecting app=<name>. */
export function newDeployment(name: string, { image = "nginx:1", annotations, ...spec }: DeploymentOptions = {}) {
  const d: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image }] } },
      ...spec,
    },
  };
  if (annotations) d.metadata.annotations = annotations;
  return d;
}

/**
 * The real registry over MemoryBackend, the controller's informers, and a clock the test moves.
 * No workers run: the test calls `converge` to sync one Deployment until it stops writing, after
 * waiting for the caches to reflect the store, so every step is deterministic.
 */
export class Harness {
  readonly registry: Registry;
  readonly informers: InformerFactory;
  readonly controller: DeploymentController;
  clock = new Date("2026-01-01T00:00:00Z");
  readonly logs: string[] = [];
  /** Messages of syncs that threw (the work queue would have retried them). */
  readonly errors: string[] = [];

  constructor() {
    this.registry = createRegistry(new MemoryBackend(), { now: () => this.clock });
    this.informers = new InformerFactory(this.registry, { log: (m) => this.logs.push(m) });
    this.controller = createDeploymentController({
      client: this.registry,
      informers: this.informers,
      log: (m) => this.logs.push(m),
      now: () => this.clock,
    });
  }

  async start(): Promise<void> {
    this.informers.start();
    await this.informers.waitForSync();
  }

  async stop(): Promise<void> {
    this.informers.stop();
    void this.controller.queue.shutDown();
    await this.registry.close();
  }

  advance(seconds: number): void {
    this.clock = new Date(this.clock.getTime() + seconds * 1000);
  }

  /** Waits until the Deployment and ReplicaSet caches hold exactly what the store holds. */
  async settle(): Promise<void> {
    for (const [kind, informer] of [
      ["Deployment", this.controller.deployments],
      ["ReplicaSet", this.controller.replicaSets],
      ["Pod", this.controller.pods],
    ] as const) {
      const live = (await this.registry.list(kind)).items;
      const want = new Map(live.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o.metadata.resourceVersion]));
      await waitFor(
        () =>
          informer.cache.size === want.size &&
          informer.cache
            .list()
            .every((o) => want.get(`${o.metadata.namespace}/${o.metadata.name}`) === o.metadata.resourceVersion),
        `${kind} cache to catch up`,
      );
    }
  }

  /**
   * Syncs `default/<name>` until a sync writes nothing (bounded), retrying syncs that throw as the
   * work queue would; returns how many syncs ran before the quiet one.
   */
  async converge(name: string, maxSteps = 30): Promise<number> {
    for (let step = 0; step < maxSteps; step++) {
      await this.settle();
      const before = (await this.registry.list("Deployment")).resourceVersion;
      try {
        await this.controller.sync(`default/${name}`);
      } catch (error) {
        // As the work queue would: note the failure and sync again after a fresh read.
        this.errors.push(error instanceof Error ? error.message : String(error));
        continue;
      }
      const after = (await this.registry.list("Deployment")).resourceVersion;
      if (before === after) return step;
    }
    throw new Error(`deployment ${name} did not converge in ${maxSteps} syncs`);
  }

  async create<T extends KubeObject>(obj: T): Promise<T> {
    return (await this.registry.create(obj)) as T;
  }

  async deployment(name: string): Promise<Deployment> {
    return (await this.registry.get("Deployment", "default", name)) as Deployment;
  }

  /** The Deployment's ReplicaSets, oldest revision first. */
  async replicaSets(): Promise<ReplicaSet[]> {
    const items = (await this.registry.list("ReplicaSet", { namespace: "default" })).items as ReplicaSet[];
    const rev = (rs: ReplicaSet) => Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
    return items.sort((a, b) => rev(a) - rev(b));
  }

  /** Changes the Deployment's spec through `change` (a fresh read, written with its resourceVersion). */
  async edit(name: string, change: (d: Deployment) => void): Promise<Deployment> {
    const d = await this.deployment(name);
    change(d);
    return (await this.registry.update(d)) as Deployment;
  }

  /**
   * Plays the ReplicaSet controller and kubelet for one ReplicaSet: pods beyond spec.replicas are
   * gone, and `available` (default all) of the rest are ready and available.
   */
  async setPods(rs: ReplicaSet, available?: number): Promise<void> {
    const fresh = (await this.registry.get("ReplicaSet", "default", rs.metadata.name ?? "")) as ReplicaSet;
    const replicas = fresh.spec.replicas ?? 1;
    const ready = Math.min(replicas, available ?? replicas);
    fresh.status = {
      replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: fresh.metadata.generation ?? 1,
    };
    await this.registry.updateStatus(fresh);
  }

  /** Every ReplicaSet fully available at its spec. */
  async allAvailable(): Promise<void> {
    for (const rs of await this.replicaSets()) await this.setPods(rs);
  }
}
