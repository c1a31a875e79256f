// The runtime folder owns the ContainerRuntime interface a kubelet drives, and the pure rules every
// implementation shares: container names, identity labels, spec hashes, pull-policy decisions,
// Docker's multiplexed log frames, and grouping listed containers into pods for adoption. No I/O.
export * from "./container-runtime.js";
export * from "./labels.js";
export * from "./log-frames.js";
export * from "./names.js";
export * from "./pull-policy.js";
export * from "./running-pods.js";
export * from "./spec-hash.js";
