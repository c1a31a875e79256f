/**
 * The Deployment controller: one ReplicaSet per pod template (named by its pod-template-hash),
 * rolling updates within maxSurge/maxUnavailable, Recreate, revisions and history cleanup, pause
 * and proportional scaling, and the Progressing/Available conditions. The pure helpers are
 * exported for the rollout commands.
 */
export {
  ANNOTATIONS_TO_SKIP,
  CHANGE_CAUSE_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  revisionOf,
} from "./annotations.js";
export { getCondition, REASON } from "./conditions.js";
export {
  createDeploymentController,
  type DeploymentController,
  type DeploymentControllerOptions,
  type StartDeploymentControllerOptions,
  startDeploymentController,
} from "./controller.js";
export { maxSurge, maxUnavailable, resolveFenceposts } from "./fenceposts.js";
export { computeHash, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL, withoutHashLabel } from "./hash.js";
