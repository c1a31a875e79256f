/**
 * GitOps: manifests from git commits (isomorphic-git, only what changed re-read), the engine's own
 * git server (smart HTTP through `git http-backend`, push to deploy with a validating pre-receive
 * hook) and the audit trail of every sync it runs.
 */
export { type CommitInfo, type GitLoad, GitSource, type GitSourceOptions, gitdirOf } from "./git-source.js";
export { quarantineFs } from "./quarantine-fs.js";
