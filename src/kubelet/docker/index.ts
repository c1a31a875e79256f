// The docker folder owns the ContainerRuntime on a Docker engine (dockerode): images and pulls,
// pod sandboxes on the pod network, container lifecycle, logs, exec, and Docker errors turned
// into SlipwayErrors. One file per concern; create-options.ts is the pure translation of specs.
export * from "./client.js";
export * from "./create-options.js";
export * from "./docker-runtime.js";
export * from "./endpoint.js";
export * from "./errors.js";
export * from "./pause-image.js";
