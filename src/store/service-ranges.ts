import { isIPv4 } from "node:net";

/**
 * The value ranges Services draw from: an IPv4 CIDR for cluster IPs and a port interval for node
 * ports. Pure: parsing, membership and the offset ↔ value mapping the allocator walks.
 */
export interface ValueRange {
  /** How the range is named in messages (`10.43.0.0/16`, `30000-32767`). */
  readonly text: string;
  /** How many values the range holds; offsets run from 0 to size - 1. */
  readonly size: number;
  /** The value at an offset. */
  valueAt(offset: number): string;
  /** The offset of a value, or undefined when it is not in the range. */
  offsetOf(value: string): number | undefined;
}

export const DEFAULT_SERVICE_CIDR = "10.43.0.0/16";
export const DEFAULT_NODE_PORT_RANGE = "30000-32767";

/**
 * The usable addresses of an IPv4 CIDR: the network and broadcast addresses are left out for
 * prefixes up to /30, as Kubernetes' allocator does. Throws a plain Error for a bad CIDR (a
 * configuration bug, not a user's object).
 */
export function parseServiceCidr(cidr: string): ValueRange {
  const match = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(cidr);
  const prefix = Number(match?.[2]);
  if (!match || !isIPv4(match[1]!) || prefix < 8 || prefix > 32) {
    throw new Error(`invalid service cluster IP range "${cidr}": want an IPv4 CIDR from /8 to /32`);
  }
  const block = 2 ** (32 - prefix);
  const network = ipToNumber(match[1]!) - (ipToNumber(match[1]!) % block);
  const reserved = prefix <= 30 ? 1 : 0;
  const first = network + reserved;
  const size = block - 2 * reserved;
  return {
    text: cidr,
    size,
    valueAt: (offset) => numberToIp(first + offset),
    offsetOf: (value) => {
      if (!isIPv4(value)) return undefined;
      const offset = ipToNumber(value) - first;
      return offset >= 0 && offset < size ? offset : undefined;
    },
  };
}

/** A port interval written `min-max`. Throws a plain Error when it is not one. */
export function parsePortRange(text: string): ValueRange {
  const match = /^(\d+)-(\d+)$/.exec(text);
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min < 1 || max > 65535 || min > max) {
    throw new Error(`invalid service node port range "${text}": want min-max within 1-65535`);
  }
  return {
    text,
    size: max - min + 1,
    valueAt: (offset) => String(min + offset),
    offsetOf: (value) => {
      if (!/^\d+$/.test(value)) return undefined;
      const port = Number(value);
      return port >= min && port <= max ? port - min : undefined;
    },
  };
}

function ipToNumber(ip: string): number {
  return ip.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}
