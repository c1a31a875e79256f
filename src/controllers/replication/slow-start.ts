/**
 * Runs `count` calls of `fn` in batches of 1, 2, 4, ... (Kubernetes' slowStartBatch): a batch runs
 * concurrently, and the first batch with a failure stops everything after it, so an operation that
 * keeps failing (a quota, an invalid template) costs one call instead of `count`.
 * Resolves with how many calls succeeded and the errors of the batch that failed.
 */
export async function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: (index: number) => Promise<void>,
): Promise<{ successes: number; errors: unknown[] }> {
  let successes = 0;
  let index = 0;
  for (let batch = Math.min(count, Math.max(1, initialBatchSize)); index < count; ) {
    const size = Math.min(batch, count - index);
    const results = await Promise.allSettled(Array.from({ length: size }, (_, i) => fn(index + i)));
    index += size;
    const errors = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    successes += size - errors.length;
    if (errors.length > 0) return { successes, errors };
    batch *= 2;
  }
  return { successes, errors: [] };
}
