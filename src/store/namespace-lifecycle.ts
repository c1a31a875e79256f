import { isSlipwayError, SlipwayError } from "../api/errors.js";
import { KINDS, type KindInfo } from "../api/kinds.js";
import type { KubeObject } from "../api/object.js";
import type { KvBackend } from "./backend.js";
import { decodeKv, encodeObject } from "./object-codec.js";
import { markNamespaceTerminating, SYSTEM_NAMESPACES } from "./object-lifecycle.js";
import { kindPrefix, notFound, objectKey, servedKind } from "./registry-keys.js";

const NAMESPACE = servedKind("Namespace");
const NAMESPACED = KINDS.filter((k) => k.namespaced);

export interface NamespaceLifecycleOptions {
  backend: KvBackend;
  now: () => Date;
  /** Deletes one object as the registry does (finalizers honoured), without finishing its namespace. */
  deleteObject: (info: KindInfo, namespace: string, name: string) => Promise<unknown>;
}

/**
 * What namespaces mean to the registry until a namespace controller exists: content may only be
 * created in an existing, non-terminating namespace (default and kube-system always exist), and
 * deleting a namespace marks it Terminating, deletes its content synchronously and removes it once
 * empty. Objects held by finalizers keep it Terminating; removing the last one removes it.
 */
export class NamespaceLifecycle {
  readonly #backend: KvBackend;
  readonly #now: () => Date;
  readonly #deleteObject: NamespaceLifecycleOptions["deleteObject"];

  constructor({ backend, now, deleteObject }: NamespaceLifecycleOptions) {
    this.#backend = backend;
    this.#now = now;
    this.#deleteObject = deleteObject;
  }

  /** Throws NotFound when the namespace is missing, Forbidden when it is being terminated. */
  async requireUsable(namespace: string): Promise<void> {
    if (SYSTEM_NAMESPACES.includes(namespace)) return;
    const kv = await this.#backend.get(objectKey(NAMESPACE, "", namespace));
    if (!kv) throw notFound(NAMESPACE, namespace);
    if (decodeKv(kv).metadata.deletionTimestamp) {
      throw new SlipwayError(
        "Forbidden",
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  /**
   * Deletes a namespace (preconditions already checked on `live`). Resolves with undefined when it
   * is gone, or with the Terminating namespace when finalizers still hold some of its objects.
   */
  async delete(live: KubeObject): Promise<KubeObject | undefined> {
    const name = live.metadata.name!;
    if (SYSTEM_NAMESPACES.includes(name)) {
      throw new SlipwayError("Forbidden", `namespaces "${name}" is forbidden: this namespace may not be deleted`);
    }
    await this.#markTerminating(live);
    for (const kind of NAMESPACED) {
      const { kvs } = await this.#backend.range(kindPrefix(kind, name));
      for (const kv of kvs) {
        await this.#deleteObject(kind, name, decodeKv(kv).metadata.name!).catch((error: unknown) => {
          if (!isSlipwayError(error, "NotFound")) throw error;
        });
      }
    }
    if (await this.finishIfEmpty(name)) return undefined;
    const kv = await this.#backend.get(objectKey(NAMESPACE, "", name));
    return kv && decodeKv(kv);
  }

  /** Removes a Terminating namespace that has no objects left; true when it is gone. */
  async finishIfEmpty(name: string): Promise<boolean> {
    const key = objectKey(NAMESPACE, "", name);
    const kv = await this.#backend.get(key);
    if (!kv) return true;
    const ns = decodeKv(kv);
    if (!ns.metadata.deletionTimestamp || (ns.metadata.finalizers ?? []).length > 0) return false;
    for (const kind of NAMESPACED) {
      if ((await this.#backend.range(kindPrefix(kind, name))).kvs.length > 0) return false;
    }
    return (await this.#backend.delete(key, { modRevision: kv.modRevision })).ok;
  }

  async #markTerminating(live: KubeObject): Promise<void> {
    const key = objectKey(NAMESPACE, "", live.metadata.name!);
    let current: KubeObject | undefined = live;
    while (current && !current.metadata.deletionTimestamp) {
      const marked = markNamespaceTerminating(current, this.#now());
      const modRevision = Number(current.metadata.resourceVersion);
      if ((await this.#backend.put(key, encodeObject(marked), { modRevision })).ok) return;
      // Someone wrote the namespace meanwhile: mark the fresh state.
      const kv = await this.#backend.get(key);
      current = kv && decodeKv(kv);
    }
  }
}
