/**
 * The one interface through which every component and the CLI reach the objects, whether the store
 * is in the same process or behind the API server. Implementations: the store's registry
 * (in-process) and the HTTP client (src/apiserver). Errors are `SlipwayError`s with Kubernetes'
 * codes: NotFound, AlreadyExists, Conflict (stale resourceVersion), Invalid, Gone (watch too old).
 */
import type { KubeObject, ObjectList, WatchEvent } from "./object.js";

export interface ListOptions {
  /** Omit or "" for every namespace (or for cluster-scoped kinds). */
  namespace?: string;
  /** kubectl -l syntax: `app=web,tier in (a,b),!canary`. */
  labelSelector?: string;
  /** `metadata.name=x,spec.nodeName=n,status.phase!=Running`. */
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  /** Deliver every change after this version. Omit to start from now. */
  resourceVersion?: string;
}

export type PatchType = "merge" | "json" | "strategic";

export type PropagationPolicy = "Background" | "Foreground" | "Orphan";

export interface DeleteOptions {
  /** Delete only if the live object still has this resourceVersion. */
  resourceVersion?: string;
  /** Delete only if the live object still has this uid. */
  uid?: string;
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
}

export interface WriteOptions {
  /** Validate and compute the result, but write nothing. */
  dryRun?: boolean;
}

/** A running watch. Events arrive in resourceVersion order, each exactly once. */
export interface Watch {
  /** Resolves when the watch ends: after stop(), or with the error that ended it (e.g. Gone). */
  readonly done: Promise<void>;
  stop(): void;
}

export type WatchHandler = (event: WatchEvent) => void;

export interface Client {
  get(kind: string, namespace: string, name: string): Promise<KubeObject>;
  list(kind: string, options?: ListOptions): Promise<ObjectList>;
  /** Creates; fills uid, creationTimestamp, resourceVersion, generation; `generateName` honoured. */
  create(obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /**
   * Replaces spec and metadata (status is kept). If obj.metadata.resourceVersion is set and stale,
   * fails with Conflict.
   */
  update(obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  /** Replaces status only (the status subresource). Same precondition rule as update. */
  updateStatus(obj: KubeObject): Promise<KubeObject>;
  patch(
    kind: string,
    namespace: string,
    name: string,
    patch: unknown,
    type: PatchType,
    options?: WriteOptions,
  ): Promise<KubeObject>;
  /**
   * Deletes, or marks for deletion when finalizers remain (then resolves with the marked object).
   * Resolves with undefined when the object was removed at once.
   */
  delete(kind: string, namespace: string, name: string, options?: DeleteOptions): Promise<KubeObject | undefined>;
  watch(kind: string, options: WatchOptions, handler: WatchHandler): Watch;
}
