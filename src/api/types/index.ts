/**
 * TypeScript shapes of every served kind (v1 and apps/v1), as Kubernetes defines them: only the
 * fields Slipway reads or validates. Types only; the runtime schema lives in ../validation/schema.ts.
 */
export type * from "./apps.js";
export type * from "./common.js";
export type * from "./config.js";
export type * from "./container.js";
export type * from "./event.js";
export type * from "./namespace.js";
export type * from "./node.js";
export type * from "./pod.js";
export type * from "./replication-controller.js";
export type * from "./service.js";
