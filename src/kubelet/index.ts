// The kubelet folder owns running pods on a node: runtime/ is the ContainerRuntime interface and
// its pure rules (names, labels, hashes, log frames), docker/ its dockerode implementation. Pod
// workers, probes and volumes build on these.
export * from "./docker/index.js";
export * from "./runtime/index.js";
