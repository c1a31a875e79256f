/**
 * The service proxy, one per node, as kube-proxy's userspace mode: Services and Endpoints are
 * watched; every TCP service port gets a PortProxy that balances connections round-robin over the
 * ready endpoint addresses (pod IPs on the Docker bridge, which the host reaches), follows
 * endpoint changes for new connections only, and resets connections at once when there is no
 * endpoint. UDP is not proxied: a datagram proxy needs per-client session tables and timeouts,
 * which no Slipway example needs yet.
 *
 * How `clusterIP:port` reaches the proxy: iptables DNAT, in a nat chain of our own per node
 * (SLIPWAY-SVC-<hash of the node name>) jumped to first from OUTPUT (host processes) and
 * PREROUTING (pod containers, whose packets arrive on the bridge). The target is the proxy port, listening on the pod
 * network's gateway address. Why this and not cluster IPs as addresses on `lo`:
 * - the gateway is the one local address both the host and every container already route to, so
 *   containers need no extra route (a 10.43.x address on the host's `lo` is not reachable from a
 *   container's network namespace without one per pod);
 * - one rule set per service port, rewritten atomically (`iptables-restore --noflush`), and
 *   removed whole on stop by deleting the chain: nothing is left on the host's interfaces;
 * - the DNAT happens before routing, so the cluster IP never needs to exist anywhere.
 * Node ports are plain listeners on `nodePortAddress` (0.0.0.0 by default, like Kubernetes).
 */
export { IptablesRules, restoreInput, SERVICES_CHAIN_PREFIX, servicesChainFor } from "./iptables-rules.js";
export { podNetworkGateway } from "./pod-network.js";
export { type ListenAddress, PortProxy } from "./port-proxy.js";
export { RoundRobin } from "./round-robin.js";
export {
  type Backend,
  backendId,
  hasClusterIP,
  type ProxiedPort,
  proxiedPorts,
  readyBackends,
} from "./service-ports.js";
export {
  type ProxyPortStatus,
  type ServiceProxy,
  type ServiceProxyOptions,
  startServiceProxy,
} from "./service-proxy.js";
export type { DnatRule, ServiceRules } from "./service-rules.js";
