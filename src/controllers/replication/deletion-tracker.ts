import type { Expectations } from "../runtime/expectations.js";

/**
 * Deletion expectations by pod uid (Kubernetes' UIDTrackingControllerExpectations): a pod that is
 * first marked for deletion and later removed is observed once, not twice, so the count of
 * expected deletions cannot run out before every chosen pod is really gone.
 */
export class DeletionTracker {
  readonly #expectations: Expectations;
  readonly #uids = new Map<string, Set<string>>();

  constructor(expectations: Expectations) {
    this.#expectations = expectations;
  }

  /** Records that the owner `key` is about to delete the pods with these uids. */
  expect(key: string, uids: readonly string[]): void {
    this.#uids.set(key, new Set(uids));
    this.#expectations.expectDeletions(key, uids.length);
  }

  /** The pod `uid` of owner `key` is gone or going (or its delete failed): count it once. */
  observed(key: string, uid: string): void {
    if (this.#uids.get(key)?.delete(uid)) this.#expectations.deletionObserved(key);
  }

  forget(key: string): void {
    this.#uids.delete(key);
  }
}
