/**
 * Waits until `condition` holds, checking after every turn of the event loop, and fails with
 * `what` after a generous bound. Pass/fail never depends on timing: the bound only stops a test
 * that would otherwise hang.
 */
export async function waitFor(condition: () => boolean, what = "condition", timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}
