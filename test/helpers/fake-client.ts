/**
 * An in-memory Client for tests: Kubernetes' write semantics (AlreadyExists, NotFound, Conflict on a
 * stale resourceVersion or a uid precondition, strategic/merge/json patches, dryRun), every call
 * recorded, and a hook to act as a concurrent writer right before a patch lands. No selectors, no
 * watch: tests that need those use the real registry.
 */
import jsonpatch from "fast-json-patch";
import type {
  Client,
  DeleteOptions,
  ListOptions,
  PatchType,
  Watch,
  WatchHandler,
  WatchOptions,
  WriteOptions,
} from "../../src/api/client.js";
import { SlipwayError } from "../../src/api/errors.js";
import type { KubeObject, ObjectList } from "../../src/api/object.js";
import { applyStrategicMergePatch, isPlainObject } from "../../src/api/strategic-merge.js";

export interface RecordedCall {
  verb: "get" | "list" | "create" | "update" | "updateStatus" | "patch" | "delete";
  kind: string;
  namespace: string;
  name: string;
  body?: unknown;
  options?: unknown;
}

const id = (kind: string, namespace: string, name: string) => `${kind}/${namespace}/${name}`;

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export class FakeClient implements Client {
  readonly objects = new Map<string, KubeObject>();
  readonly calls: RecordedCall[] = [];
  /** Runs (once per patch) before the patch is applied: a place to simulate another writer. */
  beforePatch: ((client: FakeClient, call: RecordedCall) => void) | undefined;
  private version = 0;
  private uids = 0;

  constructor(initial: readonly KubeObject[] = []) {
    for (const obj of initial) this.seed(obj);
  }

  /** Stores obj as-is (keeping its uid if it has one), with a fresh resourceVersion. */
  seed(obj: KubeObject): KubeObject {
    const copy = structuredClone(obj);
    copy.metadata.uid ??= `uid-${++this.uids}`;
    copy.metadata.resourceVersion = String(++this.version);
    this.objects.set(id(copy.kind, copy.metadata.namespace ?? "", copy.metadata.name ?? ""), copy);
    return structuredClone(copy);
  }

  private record(call: RecordedCall): RecordedCall {
    this.calls.push(call);
    return call;
  }

  private current(kind: string, namespace: string, name: string): KubeObject {
    const obj = this.objects.get(id(kind, namespace, name));
    if (!obj) throw new SlipwayError("NotFound", `${kind} "${name}" not found`);
    return obj;
  }

  async get(kind: string, namespace: string, name: string): Promise<KubeObject> {
    this.record({ verb: "get", kind, namespace, name });
    return structuredClone(this.current(kind, namespace, name));
  }

  async list(kind: string, options: ListOptions = {}): Promise<ObjectList> {
    this.record({ verb: "list", kind, namespace: options.namespace ?? "", name: "", options });
    const items = [...this.objects.values()].filter(
      (o) => o.kind === kind && (!options.namespace || o.metadata.namespace === options.namespace),
    );
    return { items: structuredClone(items), resourceVersion: String(this.version) };
  }

  async create(obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const ns = obj.metadata.namespace ?? "";
    const name = obj.metadata.name ?? "";
    this.record({ verb: "create", kind: obj.kind, namespace: ns, name, body: structuredClone(obj), options });
    if (this.objects.has(id(obj.kind, ns, name))) {
      throw new SlipwayError("AlreadyExists", `${obj.kind} "${name}" already exists`);
    }
    const copy = structuredClone(obj);
    copy.metadata.uid = `uid-${++this.uids}`;
    copy.metadata.creationTimestamp = "2026-01-01T00:00:00Z";
    copy.metadata.generation = 1;
    if (options.dryRun) return copy;
    return this.seedKeepingUid(copy);
  }

  private seedKeepingUid(obj: KubeObject): KubeObject {
    obj.metadata.resourceVersion = String(++this.version);
    this.objects.set(id(obj.kind, obj.metadata.namespace ?? "", obj.metadata.name ?? ""), obj);
    return structuredClone(obj);
  }

  private replace(next: KubeObject, current: KubeObject, dryRun: boolean): KubeObject {
    const sent = next.metadata.resourceVersion;
    if (sent !== undefined && sent !== current.metadata.resourceVersion) {
      throw new SlipwayError(
        "Conflict",
        `the object has been modified; please apply your changes to the latest version`,
      );
    }
    next.metadata.uid = current.metadata.uid ?? "";
    if (current.metadata.creationTimestamp) next.metadata.creationTimestamp = current.metadata.creationTimestamp;
    if (dryRun) return structuredClone(next);
    return this.seedKeepingUid(next);
  }

  async update(obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const ns = obj.metadata.namespace ?? "";
    const name = obj.metadata.name ?? "";
    this.record({ verb: "update", kind: obj.kind, namespace: ns, name, body: structuredClone(obj), options });
    const current = this.current(obj.kind, ns, name);
    const next = structuredClone(obj);
    if ("status" in current) next.status = structuredClone(current.status);
    return this.replace(next, current, options.dryRun ?? false);
  }

  async updateStatus(obj: KubeObject): Promise<KubeObject> {
    const ns = obj.metadata.namespace ?? "";
    const name = obj.metadata.name ?? "";
    this.record({ verb: "updateStatus", kind: obj.kind, namespace: ns, name, body: structuredClone(obj) });
    const current = this.current(obj.kind, ns, name);
    const next = { ...structuredClone(current), status: structuredClone(obj.status) };
    next.metadata.resourceVersion = obj.metadata.resourceVersion ?? current.metadata.resourceVersion ?? "";
    return this.replace(next, current, false);
  }

  async patch(
    kind: string,
    namespace: string,
    name: string,
    patch: unknown,
    type: PatchType,
    options: WriteOptions = {},
  ): Promise<KubeObject> {
    const call = this.record({ verb: "patch", kind, namespace, name, body: structuredClone(patch), options });
    const hook = this.beforePatch;
    this.beforePatch = undefined;
    hook?.(this, call);
    const current = this.current(kind, namespace, name);
    let next: KubeObject;
    if (type === "strategic") next = applyStrategicMergePatch(kind, current, patch) as KubeObject;
    else if (type === "merge") next = mergePatch(current, patch) as KubeObject;
    else next = jsonpatch.applyPatch(structuredClone(current), patch as jsonpatch.Operation[]).newDocument;
    return this.replace(next, current, options.dryRun ?? false);
  }

  async delete(kind: string, namespace: string, name: string, options: DeleteOptions = {}) {
    this.record({ verb: "delete", kind, namespace, name, options });
    const current = this.current(kind, namespace, name);
    if (options.uid !== undefined && options.uid !== current.metadata.uid) {
      throw new SlipwayError("Conflict", `Precondition failed: UID in precondition: ${options.uid}`);
    }
    if (options.resourceVersion !== undefined && options.resourceVersion !== current.metadata.resourceVersion) {
      throw new SlipwayError("Conflict", "Precondition failed: resourceVersion");
    }
    this.objects.delete(id(kind, namespace, name));
    return undefined;
  }

  watch(_kind: string, _options: WatchOptions, _handler: WatchHandler): Watch {
    throw new Error("FakeClient does not watch; use the store's registry for watch tests");
  }

  /** The stored object, or undefined. */
  peek(kind: string, namespace: string, name: string): KubeObject | undefined {
    const obj = this.objects.get(id(kind, namespace, name));
    return obj && structuredClone(obj);
  }
}
