/**
 * The object model: object shapes, the table of served kinds, errors with Kubernetes' codes and
 * field paths, the Client interface, defaults, validation, label and field selectors. Pure: nothing
 * here touches disk, network or Docker.
 */
export * from "./client.js";
export * from "./errors.js";
export * from "./kinds.js";
export * from "./object.js";
export type * from "./types/index.js";
