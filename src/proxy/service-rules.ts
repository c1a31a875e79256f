/**
 * How traffic for a cluster IP reaches the proxy: a set of DNAT rules, kept whole. The iptables
 * implementation is in iptables-rules.ts; unit tests use a recording fake.
 */

/** `clusterIP:port` (TCP) is sent to `toHost:toPort`, where the proxy listens. */
export interface DnatRule {
  clusterIP: string;
  port: number;
  toHost: string;
  toPort: number;
}

export interface ServiceRules {
  /** Makes the installed rules exactly `rules` (atomically where the mechanism allows). */
  sync(rules: readonly DnatRule[]): Promise<void>;
  /** Removes every rule and hook this instance installed. Safe to call when none were. */
  cleanup(): Promise<void>;
}
