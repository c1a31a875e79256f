import type {
  Client,
  DeleteOptions,
  ListOptions,
  PatchType,
  Watch,
  WatchHandler,
  WatchOptions,
  WriteOptions,
} from "../api/client.js";
import { cloneJson } from "../api/clone.js";
import { withDefaults } from "../api/defaults/index.js";
import { invalidObjectError, isSlipwayError, SlipwayError } from "../api/errors.js";
import type { KindInfo } from "../api/kinds.js";
import type { KubeObject, ObjectList } from "../api/object.js";
import { validateObject, validateObjectUpdate } from "../api/validation/index.js";
import type { KvBackend } from "./backend.js";
import { NamespaceLifecycle } from "./namespace-lifecycle.js";
import { decodeKv, encodeObject } from "./object-codec.js";
import {
  finalizersAfterDelete,
  markForDeletion,
  placeObject,
  prepareCreate,
  prepareStatusUpdate,
  prepareUpdate,
  readyToRemove,
  requireName,
  SYSTEM_NAMESPACES,
} from "./object-lifecycle.js";
import { completeGenerateName, sameStoredState } from "./object-meta.js";
import { watchObjects } from "./object-watch.js";
import { applyPatch } from "./patch.js";
import {
  alreadyExists,
  conflict,
  kindPrefix,
  notFound,
  objectKey,
  parseResourceVersion,
  servedKind,
} from "./registry-keys.js";
import { selectionFor } from "./selection.js";
import { type ServiceAllocationOptions, ServiceAllocator } from "./service-allocation.js";

export interface RegistryOptions extends Omit<ServiceAllocationOptions, "now"> {
  /**
   * When true, deleting a Pod with a grace period only marks it (deletionTimestamp in the future,
   * deletionGracePeriodSeconds) for the kubelet to stop it and delete it with grace 0. Until a
   * kubelet runs, the default false deletes pods at once.
   */
  gracefulPodDeletion?: boolean;
  /** The clock for creationTimestamp and deletionTimestamp. */
  now?: () => Date;
}

/** The in-process Client: Kubernetes' object semantics over a KvBackend. */
export interface Registry extends Client {
  /** Ends every watch started through this registry and closes the backend (the registry owns it). */
  close(): Promise<void>;
}

/**
 * Builds the registry over a backend and makes sure the "default" and "kube-system" namespaces
 * exist (every call waits for that). Safe for concurrent use: writes are compare-and-swap on the
 * key's modRevision, retried internally when the caller gave no resourceVersion.
 */
export function createRegistry(backend: KvBackend, options: RegistryOptions = {}): Registry {
  return new ObjectRegistry(backend, options);
}

const GENERATE_NAME_ATTEMPTS = 8;

class ObjectRegistry implements Registry {
  readonly #backend: KvBackend;
  readonly #gracefulPods: boolean;
  readonly #now: () => Date;
  readonly #ready: Promise<void>;
  readonly #watches = new Set<Watch>();
  readonly #namespaces: NamespaceLifecycle;
  readonly #services: ServiceAllocator;

  constructor(backend: KvBackend, { gracefulPodDeletion = false, now = () => new Date(), ...ranges }: RegistryOptions) {
    this.#backend = backend;
    this.#services = new ServiceAllocator(backend, { ...ranges, now });
    this.#gracefulPods = gracefulPodDeletion;
    this.#now = now;
    this.#namespaces = new NamespaceLifecycle({
      backend,
      now,
      deleteObject: (info, namespace, name) => this.#delete(info, namespace, name, {}, false),
    });
    this.#ready = this.#ensureSystemNamespaces();
    // Callers see the failure on their first call; do not also report it as unhandled.
    this.#ready.catch(() => {});
  }

  async get(kind: string, namespace: string, name: string): Promise<KubeObject> {
    await this.#ready;
    const info = servedKind(kind);
    const kv = await this.#backend.get(objectKey(info, namespace, name));
    if (!kv) throw notFound(info, name);
    return decodeKv(kv);
  }

  async list(kind: string, options: ListOptions = {}): Promise<ObjectList> {
    await this.#ready;
    const info = servedKind(kind);
    const selection = selectionFor(options);
    const { kvs, revision } = await this.#backend.range(kindPrefix(info, options.namespace ?? ""));
    const items: KubeObject[] = [];
    for (const kv of kvs) {
      const obj = decodeKv(kv);
      if (!selection || selection(obj)) items.push(obj);
    }
    return { items, resourceVersion: String(revision) };
  }

  async create(obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    await this.#ready;
    return this.#create(obj, options);
  }

  async #create(obj: KubeObject, { dryRun = false }: WriteOptions): Promise<KubeObject> {
    const info = servedKind(obj.kind);
    const placed = placeObject(info, withDefaults(obj));
    const generated = !placed.metadata.name && placed.metadata.generateName;
    if (info.namespaced) await this.#namespaces.requireUsable(placed.metadata.namespace!);
    for (let attempt = 1; ; attempt++) {
      if (generated) placed.metadata.name = completeGenerateName(generated);
      requireName(placed);
      const name = placed.metadata.name!;
      // As Kubernetes' BeforeCreate: system fields first (status dropped), then validation.
      const next = prepareCreate(info, placed, this.#now());
      const errors = validateObject(next);
      if (errors.length > 0) throw invalidObjectError(info.kind, name, errors);
      const claims = await this.#services.allocate(next, undefined, { dryRun });
      if (dryRun) return next;
      const key = objectKey(info, placed.metadata.namespace ?? "", name);
      const result = await this.#backend.put(key, encodeObject(next), { modRevision: 0 });
      if (result.ok) {
        next.metadata.resourceVersion = String(result.revision);
        return next;
      }
      await claims.rollback();
      if (!generated || attempt >= GENERATE_NAME_ATTEMPTS) throw alreadyExists(info, name);
    }
  }

  update(obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.#update(obj, "main", options);
  }

  updateStatus(obj: KubeObject): Promise<KubeObject> {
    return this.#update(obj, "status", {});
  }

  async #update(obj: KubeObject, target: "main" | "status", { dryRun = false }: WriteOptions): Promise<KubeObject> {
    await this.#ready;
    const info = servedKind(obj.kind);
    if (target === "status" && !info.hasStatus) {
      throw new SlipwayError("NotFound", "the server could not find the requested resource", {
        hint: `${info.resource} have no status subresource`,
      });
    }
    const placed = placeObject(info, target === "main" ? withDefaults(obj) : cloneJson(obj));
    requireName(placed);
    const name = placed.metadata.name!;
    const namespace = placed.metadata.namespace ?? "";
    const key = objectKey(info, namespace, name);
    const wanted = placed.metadata.resourceVersion ? parseResourceVersion(placed.metadata.resourceVersion) : undefined;
    for (;;) {
      const kv = await this.#backend.get(key);
      if (!kv) throw notFound(info, name);
      if (wanted !== undefined && kv.modRevision !== wanted) throw conflict(info, name);
      const live = decodeKv(kv);
      if (placed.metadata.uid && placed.metadata.uid !== live.metadata.uid) {
        throw conflict(info, name, `Precondition failed: ${uidMismatch(placed.metadata.uid, live.metadata.uid)}`);
      }
      const next = target === "main" ? prepareUpdate(info, placed, live) : prepareStatusUpdate(placed, live);
      if (target === "main") this.#services.preserveAllocated(next, live);
      const errors = validateObjectUpdate(next, live);
      if (errors.length > 0) throw invalidObjectError(info.kind, name, errors);
      // A no-op update writes nothing and keeps the resourceVersion, as Kubernetes does.
      if (sameStoredState(next, live)) return live;
      const removing = readyToRemove(next);
      // Only a main-resource write can change what a Service holds; a status write never does.
      const claims =
        removing || target === "status" ? undefined : await this.#services.allocate(next, live, { dryRun });
      if (dryRun) {
        next.metadata.resourceVersion = live.metadata.resourceVersion!;
        return next;
      }
      const result = removing
        ? await this.#backend.delete(key, { modRevision: kv.modRevision })
        : await this.#backend.put(key, encodeObject(next), { modRevision: kv.modRevision });
      if (result.ok) {
        next.metadata.resourceVersion = String(result.revision);
        if (removing) {
          await this.#services.release(next);
          await this.#afterRemoval(info, namespace);
        } else await claims?.commit();
        return next;
      }
      await claims?.rollback();
      if (wanted !== undefined) throw conflict(info, name);
    }
  }

  async patch(
    kind: string,
    namespace: string,
    name: string,
    patch: unknown,
    type: PatchType,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    for (;;) {
      const live = await this.get(kind, namespace, name);
      const liveVersion = live.metadata.resourceVersion!;
      // Without the live resourceVersion in the base, one in the result can only come from the patch.
      delete live.metadata.resourceVersion;
      const patched = applyPatch(live, patch, type);
      if (patched.metadata.name !== name || patched.kind !== live.kind) {
        throw new SlipwayError("BadRequest", `a patch may not change the name or kind of ${kind} "${name}"`);
      }
      const stated = patched.metadata.resourceVersion;
      const info = servedKind(kind);
      // A resourceVersion inside the patch is a precondition; otherwise a race is retried on fresh data.
      if (stated !== undefined && stated !== liveVersion) throw conflict(info, name);
      patched.metadata.resourceVersion = liveVersion;
      patched.metadata.namespace = live.metadata.namespace!;
      try {
        return await this.#update(patched, "main", options);
      } catch (error) {
        if (!isSlipwayError(error, "Conflict") || stated !== undefined) throw error;
      }
    }
  }

  async delete(
    kind: string,
    namespace: string,
    name: string,
    options: DeleteOptions = {},
  ): Promise<KubeObject | undefined> {
    await this.#ready;
    return this.#delete(servedKind(kind), namespace, name, options, true);
  }

  async #delete(
    info: KindInfo,
    namespace: string,
    name: string,
    options: DeleteOptions,
    finishNamespace: boolean,
  ): Promise<KubeObject | undefined> {
    const key = objectKey(info, namespace, name);
    for (;;) {
      const kv = await this.#backend.get(key);
      if (!kv) throw notFound(info, name);
      const live = decodeKv(kv);
      if (options.uid !== undefined && options.uid !== live.metadata.uid) {
        throw conflict(info, name, `Precondition failed: ${uidMismatch(options.uid, live.metadata.uid)}`);
      }
      if (options.resourceVersion !== undefined && options.resourceVersion !== live.metadata.resourceVersion) {
        const why = `ResourceVersion in precondition: ${options.resourceVersion}, ResourceVersion in object meta: ${live.metadata.resourceVersion}`;
        throw conflict(info, name, `Precondition failed: ${why}`);
      }
      if (info.kind === "Namespace") return this.#namespaces.delete(live);
      const finalizers = finalizersAfterDelete(live, options);
      const grace = this.#podGrace(info, live, options);
      if (finalizers.length > 0 || grace > 0) {
        const marked = markForDeletion(live, finalizers, this.#now(), grace);
        if (sameStoredState(marked, live)) return live;
        const result = await this.#backend.put(key, encodeObject(marked), { modRevision: kv.modRevision });
        if (result.ok) {
          marked.metadata.resourceVersion = String(result.revision);
          return marked;
        }
        continue;
      }
      const result = await this.#backend.delete(key, { modRevision: kv.modRevision });
      if (result.ok) {
        await this.#services.release(live);
        if (finishNamespace) await this.#afterRemoval(info, namespace);
        return undefined;
      }
    }
  }

  watch(kind: string, options: WatchOptions, handler: WatchHandler): Watch {
    const info = servedKind(kind);
    const watch = watchObjects({ backend: this.#backend, info, options, handler, ready: this.#ready });
    this.#watches.add(watch);
    const forget = () => this.#watches.delete(watch);
    watch.done.then(forget, forget);
    return watch;
  }

  async close(): Promise<void> {
    for (const watch of [...this.#watches]) watch.stop();
    await this.#backend.close();
  }

  /** Grace period for a pod the kubelet must stop first; 0 means delete now. */
  #podGrace(info: KindInfo, live: KubeObject, options: DeleteOptions): number {
    if (!this.#gracefulPods || info.kind !== "Pod" || live.metadata.deletionTimestamp) return 0;
    const spec = live.spec as { terminationGracePeriodSeconds?: number } | undefined;
    return options.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
  }

  /** After an object is removed: a Terminating namespace that became empty goes too. */
  async #afterRemoval(info: KindInfo, namespace: string): Promise<void> {
    if (info.namespaced && namespace) await this.#namespaces.finishIfEmpty(namespace);
  }

  async #ensureSystemNamespaces(): Promise<void> {
    for (const name of SYSTEM_NAMESPACES) {
      if (await this.#backend.get(objectKey(NAMESPACE, "", name))) continue;
      await this.#create({ apiVersion: "v1", kind: "Namespace", metadata: { name } }, {}).catch((error: unknown) => {
        if (!isSlipwayError(error, "AlreadyExists")) throw error;
      });
    }
  }
}

const NAMESPACE = servedKind("Namespace");

function uidMismatch(wanted: string, actual: string | undefined): string {
  return `UID in precondition: ${wanted}, UID in object meta: ${actual ?? ""}`;
}
