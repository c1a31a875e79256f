import { invalidObjectError, SlipwayError } from "../api/errors.js";
import type { KubeObject } from "../api/object.js";
import type { Service, ServicePort } from "../api/types/service.js";
import type { KeyValue, KvBackend } from "./backend.js";
import { KEY_ROOT, objectKey, servedKind } from "./registry-keys.js";
import {
  DEFAULT_NODE_PORT_RANGE,
  DEFAULT_SERVICE_CIDR,
  parsePortRange,
  parseServiceCidr,
  type ValueRange,
} from "./service-ranges.js";

/**
 * Cluster IPs and node ports, allocated as the API server does when a Service is written.
 *
 * The allocation map lives in the store itself: one key per taken value
 * (`/registry/ranges/serviceips/<ip>`, `/registry/ranges/servicenodeports/<port>`) holding the
 * owning Service's namespace, name and uid. A value is claimed by creating its key with
 * compare-and-swap (modRevision 0), so two concurrent writers can never both hold it, whatever
 * process or machine they run in. Claims are made before the Service is written and rolled back
 * if that write fails; the ones a write gave up are released after it succeeds.
 *
 * A crash between those steps can leave a claim whose Service never got (or no longer has) the
 * value. Such a claim is reclaimed once it is older than `leakedAfterMs` and its owner, read from
 * the store, does not hold the value: when that exact value is requested, or when the range looks
 * full. The age bound keeps a claim safe while its writer is between claim and write.
 */
export interface ServiceAllocationOptions {
  /** IPv4 CIDR cluster IPs come from (default 10.43.0.0/16, as k3s). */
  serviceClusterIpRange?: string;
  /** `min-max` node ports come from (default 30000-32767). */
  serviceNodePortRange?: string;
  /** A claim younger than this is never treated as leaked (default 60 s). */
  leakedAfterMs?: number;
  now?: () => Date;
}

/** What a write claimed: undo it when the write failed, or finish it (release the old values). */
export interface AllocationClaims {
  rollback(): Promise<void>;
  commit(): Promise<void>;
}

const IPS_PREFIX = `${KEY_ROOT}ranges/serviceips/`;
const PORTS_PREFIX = `${KEY_ROOT}ranges/servicenodeports/`;
const SERVICE = servedKind("Service");
const NOTHING: AllocationClaims = { rollback: async () => {}, commit: async () => {} };
const MAX_ATTEMPTS = 100;
/** Random values tried before scanning the whole pool for a free one. */
const RANDOM_CANDIDATES = 8;

interface Claim {
  namespace: string;
  name: string;
  uid: string;
  /** When it was claimed (epoch ms). */
  at: number;
}

interface Pool {
  prefix: string;
  range: ValueRange;
  /** `serviceIP` or `nodePort`, as Kubernetes names them in "failed to allocate a ...". */
  noun: string;
  taken: string;
  outside: string;
}

export class ServiceAllocator {
  readonly #backend: KvBackend;
  readonly #ips: Pool;
  readonly #ports: Pool;
  readonly #leakedAfterMs: number;
  readonly #now: () => Date;

  constructor(backend: KvBackend, options: ServiceAllocationOptions = {}) {
    const ipRange = parseServiceCidr(options.serviceClusterIpRange ?? DEFAULT_SERVICE_CIDR);
    const portRange = parsePortRange(options.serviceNodePortRange ?? DEFAULT_NODE_PORT_RANGE);
    this.#backend = backend;
    this.#ips = {
      prefix: IPS_PREFIX,
      range: ipRange,
      noun: "serviceIP",
      taken: "provided IP is already allocated",
      outside: `provided IP is not in the valid range. The range of valid IPs is ${ipRange.text}`,
    };
    this.#ports = {
      prefix: PORTS_PREFIX,
      range: portRange,
      noun: "nodePort",
      taken: "provided port is already allocated",
      outside: `provided port is not in the valid range. The range of valid ports is ${portRange.text}`,
    };
    this.#leakedAfterMs = options.leakedAfterMs ?? 60_000;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * For an update: keeps the values the live Service holds when the new object leaves them out
   * (a PUT or three-way merge from a manifest without clusterIP or nodePort), and drops the node
   * ports the live object had when the type goes back to ClusterIP. Changes `next` in place.
   */
  preserveAllocated(next: KubeObject, live: KubeObject): void {
    if (next.kind !== "Service") return;
    const svc = next as Service;
    svc.spec ??= {};
    const spec = svc.spec;
    const was = (live as Service).spec ?? {};
    if (!spec.clusterIP && was.clusterIP) {
      spec.clusterIP = was.clusterIP;
      if (was.clusterIPs) spec.clusterIPs = [...was.clusterIPs];
    }
    const livePorts = was.ports ?? [];
    const match = (port: ServicePort) =>
      livePorts.find((p) => p.port === port.port && (p.protocol ?? "TCP") === (port.protocol ?? "TCP")) ??
      livePorts.find((p) => p.name !== undefined && p.name === port.name);
    for (const port of spec.ports ?? []) {
      const old = match(port)?.nodePort;
      if (!needsNodePorts(spec)) {
        if (needsNodePorts(was) && port.nodePort !== undefined && port.nodePort === old) delete port.nodePort;
      } else if (!port.nodePort && old && needsNodePorts(was)) {
        port.nodePort = old;
      }
    }
  }

  /**
   * Claims what `next` needs that it does not hold yet (a requested value, or a free one filled in
   * `next`), for a create (`live` undefined) or an update. Throws Invalid for a requested value that
   * is taken or out of range, Internal when a range is full. With dryRun, requested values are only
   * checked and nothing is claimed or filled in.
   */
  async allocate(next: KubeObject, live: KubeObject | undefined, { dryRun = false } = {}): Promise<AllocationClaims> {
    if (next.kind !== "Service") return NOTHING;
    const svc = next as Service;
    svc.spec ??= {};
    const spec = svc.spec;
    const owner = ownerOf(svc);
    const claimed: KeyValue[] = [];
    const rollback = async () => {
      for (const kv of claimed.splice(0)) await this.#backend.delete(kv.key, { modRevision: kv.modRevision });
    };
    try {
      if (spec.clusterIP === "None") spec.clusterIPs = ["None"];
      else if (spec.clusterIP) await this.#require(this.#ips, spec.clusterIP, "spec.clusterIP", owner, claimed, dryRun);
      else if (!dryRun) {
        spec.clusterIP = await this.#allocateFree(this.#ips, owner, claimed);
        spec.clusterIPs = [spec.clusterIP];
      }
      if (needsNodePorts(spec)) {
        for (const [i, port] of (spec.ports ?? []).entries()) {
          const path = `spec.ports[${i}].nodePort`;
          if (port.nodePort) await this.#require(this.#ports, String(port.nodePort), path, owner, claimed, dryRun);
          else if (!dryRun) port.nodePort = Number(await this.#allocateFree(this.#ports, owner, claimed));
        }
      }
    } catch (error) {
      await rollback();
      throw error;
    }
    return { rollback, commit: () => (live ? this.#releaseUnused(live as Service, svc) : Promise.resolve()) };
  }

  /** Releases every value a removed Service held (only claims it owns, by uid). */
  async release(removed: KubeObject): Promise<void> {
    if (removed.kind === "Service") await this.#releaseUnused(removed as Service, undefined);
  }

  async #releaseUnused(live: Service, next: Service | undefined): Promise<void> {
    const keep = new Set(next ? heldKeys(next) : []);
    const uid = live.metadata.uid;
    for (const key of heldKeys(live)) {
      if (keep.has(key)) continue;
      const kv = await this.#backend.get(key);
      if (kv && parseClaim(kv)?.uid === uid) await this.#backend.delete(key, { modRevision: kv.modRevision });
    }
  }

  /** Claims a requested value, or confirms the owner holds it already. */
  async #require(pool: Pool, value: string, field: string, owner: Claim, claimed: KeyValue[], dryRun: boolean) {
    const refuse = (detail: string) => invalidObjectError("Service", owner.name, [invalidField(field, value, detail)]);
    if (pool.range.offsetOf(value) === undefined) throw refuse(pool.outside);
    const key = pool.prefix + value;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const kv = await this.#backend.get(key);
      if (kv && parseClaim(kv)?.uid === owner.uid) return;
      if (kv && !(await this.#leaked(kv))) throw refuse(pool.taken);
      if (dryRun) return;
      if (await this.#claim(key, owner, kv?.modRevision ?? 0, claimed)) return;
    }
    throw refuse(pool.taken);
  }

  /**
   * Claims a free value of the pool. A few random candidates first: each claim is an atomic
   * create-if-absent, and in a sparse range one almost always succeeds, without listing every held
   * value (which made allocation quadratic in the number of Services). A crowded range falls back to
   * a scan from a random start, then to repairing leaked claims.
   */
  async #allocateFree(pool: Pool, owner: Claim, claimed: KeyValue[]): Promise<string> {
    const { size } = pool.range;
    for (let attempt = 0; attempt < RANDOM_CANDIDATES; attempt++) {
      const candidate = pool.range.valueAt(Math.floor(Math.random() * size));
      if (await this.#claim(pool.prefix + candidate, owner, 0, claimed)) return candidate;
    }
    let repaired = false;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { kvs } = await this.#backend.range(pool.prefix);
      const used = new Set(kvs.map((kv) => kv.key.slice(pool.prefix.length)));
      const start = Math.floor(Math.random() * size);
      let value: string | undefined;
      for (let i = 0; i < size && value === undefined; i++) {
        const candidate = pool.range.valueAt((start + i) % size);
        if (!used.has(candidate)) value = candidate;
      }
      if (value === undefined) {
        if (repaired || !(await this.#repair(kvs))) break;
        repaired = true;
        continue;
      }
      if (await this.#claim(pool.prefix + value, owner, 0, claimed)) return value;
    }
    throw new SlipwayError("Internal", `Internal error occurred: failed to allocate a ${pool.noun}: range is full`, {
      hint: `every value of ${pool.range.text} is held by a Service; delete one or widen the range`,
    });
  }

  async #claim(key: string, owner: Claim, modRevision: number, claimed: KeyValue[]): Promise<boolean> {
    const value = JSON.stringify({ ...owner, at: this.#now().getTime() });
    const result = await this.#backend.put(key, value, { modRevision });
    if (result.ok) claimed.push({ key, value, createRevision: result.revision, modRevision: result.revision });
    return result.ok;
  }

  /** Deletes leaked claims among `kvs`; true when any was. */
  async #repair(kvs: KeyValue[]): Promise<boolean> {
    let any = false;
    for (const kv of kvs) {
      if (!(await this.#leaked(kv))) continue;
      any = (await this.#backend.delete(kv.key, { modRevision: kv.modRevision })).ok || any;
    }
    return any;
  }

  /** An old claim whose owner (by uid) is gone or does not hold the value. */
  async #leaked(kv: KeyValue): Promise<boolean> {
    const claim = parseClaim(kv);
    if (claim && this.#now().getTime() - claim.at < this.#leakedAfterMs) return false;
    if (!claim) return true;
    const ownerKv = await this.#backend.get(objectKey(SERVICE, claim.namespace, claim.name));
    if (!ownerKv) return true;
    const owner = JSON.parse(ownerKv.value) as Service;
    if (owner.metadata.uid !== claim.uid) return true;
    return !heldKeys(owner).includes(kv.key);
  }
}

function ownerOf(svc: Service): Claim {
  const { namespace = "", name = "", uid = "" } = svc.metadata;
  return { namespace, name, uid, at: 0 };
}

function needsNodePorts(spec: { type?: string }): boolean {
  return spec.type === "NodePort" || spec.type === "LoadBalancer";
}

/** The claim keys a Service's spec holds. */
function heldKeys(svc: Service): string[] {
  const spec = svc.spec ?? {};
  const keys: string[] = [];
  if (spec.clusterIP && spec.clusterIP !== "None") keys.push(IPS_PREFIX + spec.clusterIP);
  if (needsNodePorts(spec)) {
    for (const port of spec.ports ?? []) if (port.nodePort) keys.push(PORTS_PREFIX + String(port.nodePort));
  }
  return keys;
}

function parseClaim(kv: KeyValue): Claim | undefined {
  try {
    const claim = JSON.parse(kv.value) as Partial<Claim>;
    return typeof claim.uid === "string" && typeof claim.at === "number" ? (claim as Claim) : undefined;
  } catch {
    return undefined;
  }
}

function invalidField(field: string, value: string, detail: string) {
  const badValue = field === "spec.clusterIP" ? value : Number(value);
  return { type: "Invalid" as const, field, badValue, detail };
}
