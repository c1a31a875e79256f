// The kubelet folder owns running pods on a node: runtime/ is the ContainerRuntime interface and
// its pure rules (names, labels, hashes, log frames), docker/ its dockerode implementation. The
// files here are the node agent on top: startKubelet (Node registration and heartbeat, the pod
// informer), the logs/exec server the API server proxies to, the pod workers (one serial worker per pod), pod sync and termination, probes,
// volumes, env resolution, restart back-off and the pod status.
export * from "./backoff.js";
export * from "./docker/index.js";
export { ConfigError, DataReader, expandReferences, resolveEnv } from "./env.js";
export {
  EventSpamFilter,
  type EventSpamFilterOptions,
  KUBELET_COMPONENT,
  type KubeletEvent,
  type KubeletEventReason,
  kubeletMessages,
  podEvent,
} from "./events.js";
export { type Kubelet, type KubeletOptions, startKubelet } from "./kubelet.js";
export { capacityFrom, nodeStatus } from "./node-status.js";
export { type ContainerObservation, computePodStatus, containerStatus, podPhase } from "./pod-status.js";
export { type PodUpdate, type PodWorkerState, PodWorkers, type SyncResult } from "./pod-workers.js";
export { type ProbeOutcome, probeOutcome, runProbe } from "./probe-handlers.js";
export { type ProbeFailure, ProbeManager, type ProbeResults } from "./probe-manager.js";
export * from "./runtime/index.js";
export { type KubeletServer, type KubeletServerOptions, startKubeletServer } from "./server.js";
export { serviceEnv } from "./service-env.js";
