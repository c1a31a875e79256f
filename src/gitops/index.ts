/**
 * GitOps: manifests from git commits (isomorphic-git, only what changed re-read), the engine's own
 * git server (smart HTTP through `git http-backend`, push to deploy with a validating pre-receive
 * hook) and the audit trail of every sync it runs.
 */

export {
  AUDIT_LABEL,
  AUDIT_NAMESPACE,
  AUDIT_SOURCE_LABEL,
  auditObjectName,
  listSyncRecords,
  type SyncRecord,
  type SyncTrigger,
  writeSyncRecord,
} from "./audit-trail.js";
export { type GitServer, type GitServerOptions, gitPaths, startGitServer } from "./git-server.js";
export { type CommitInfo, type GitLoad, GitSource, type GitSourceOptions, gitdirOf } from "./git-source.js";
export { quarantineFs } from "./quarantine-fs.js";
export { type HookReport, RepositorySync, type RepositorySyncOptions } from "./repository-sync.js";
