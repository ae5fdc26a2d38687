// Bounded waits for every Node-side suite (client, contract, extension host): every wait names what it waits for
// and fails after its deadline.
import * as assert from 'node:assert/strict';

/** How often a bounded wait looks again by default; the deadline, not this, is what a wait promises. */
const POLL_MS = 20;

/** Waits until `condition` holds, looking again every few milliseconds; fails after `timeoutMs` naming `what`. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000, intervalMs = POLL_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until `probe` returns a value and returns it; fails after `timeoutMs` naming `what`. */
export async function waitForValue<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000, intervalMs = POLL_MS): Promise<T> {
  let value: T | undefined;
  await waitUntil(async () => (value = await probe()) !== undefined, what, timeoutMs, intervalMs);
  return value as T;
}

/** Rejects when the promise takes longer than the bound: nothing a test awaits may hang. */
export async function within<T>(promise: Thenable<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(promise),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves after every zero-delay timer set before the call has run (Node runs timers of equal delay in the order
 * they were set). The extension host batches a quick input's property changes in such a timer before sending them
 * to the workbench, so after this the workbench has been sent them, ahead of anything sent later.
 */
export function afterPendingZeroDelayTimers(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
