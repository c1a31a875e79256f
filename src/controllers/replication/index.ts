/**
 * The replication controllers: ReplicationController and ReplicaSet keep `spec.replicas` pods
 * matching their selector (create, adopt, release, delete in Kubernetes' order) and report status.
 */
export { claimPods } from "./claim-pods.js";
export { compareForDeletion, isPodActive, isPodAvailable, isPodReady, podsToDelete } from "./pod-state.js";
export { podFromTemplate } from "./pod-template.js";
export { BURST_REPLICAS, type ReplicaControllerOptions, runReplicaController } from "./replica-controller.js";
export { REPLICA_SET, REPLICATION_CONTROLLER, type ReplicaKind, type ReplicaOwner } from "./replica-kind.js";
export { slowStartBatch } from "./slow-start.js";
export { type StartReplicationControllersOptions, startReplicationControllers } from "./start.js";
export { computeStatus, type ManageFailure } from "./status.js";
