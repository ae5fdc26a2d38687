/**
 * Writes the cloud carries out some time after their answer was lost. Each is a timer owned here, so a reset can
 * drop them (a test must not see a previous test's write land) and stopping leaves nothing behind.
 */
export class PendingWrites {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  /** Runs `run` after `ms`, unless cancelled first, in which case `onCancel` runs instead. */
  schedule(ms: number, run: () => void, onCancel: () => void): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, Math.max(0, ms));
    this.pending.set(timer, onCancel);
  }

  cancelAll(): void {
    for (const [timer, onCancel] of this.pending) {
      clearTimeout(timer);
      onCancel();
    }
    this.pending.clear();
  }

  get size(): number {
    return this.pending.size;
  }
}
