// The runtime folder owns the ContainerRuntime interface a kubelet drives, and the pure rules every
// implementation shares: container names, identity labels, spec hashes, pull-policy decisions and
// Docker's multiplexed log frames. No I/O here.
export * from "./container-runtime.js";
export * from "./labels.js";
export * from "./log-frames.js";
export * from "./names.js";
export * from "./pull-policy.js";
export * from "./spec-hash.js";
