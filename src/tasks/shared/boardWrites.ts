import type { Logger } from '../../domain/logger';

/**
 * This window's writes to the shared folder, one after another (a task's record is on disk before the sending
 * record it replaces is removed), and what a scan of the folder must not undo: a file this window is writing, or
 * wrote after the scan began, may have been read before the write landed, so memory says more than the read.
 */
export class BoardWrites {
  /** File names with a write or removal of this window still under way. */
  private readonly pending = new Map<string, number>();
  /** How many writes this window has queued per file name. */
  private readonly queued = new Map<string, number>();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly log: Logger) {}

  /** Runs `work` after every write queued before it; a failure is logged, and the returned promise still resolves. */
  enqueue(name: string, work: (name: string) => Promise<void>): Promise<void> {
    this.pending.set(name, (this.pending.get(name) ?? 0) + 1);
    this.queued.set(name, (this.queued.get(name) ?? 0) + 1);
    const done = this.writes.then(() => work(name));
    this.writes = done
      .catch((error: unknown) => this.log.warn(`could not update the shared task folder (${name}): ${String(error)}`))
      .finally(() => {
        const count = (this.pending.get(name) ?? 1) - 1;
        if (count > 0) this.pending.set(name, count);
        else this.pending.delete(name);
      });
    return done.catch(() => undefined);
  }

  /** Waits for the writes queued so far. */
  flush(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  isPending(name: string): boolean {
    return this.pending.has(name);
  }

  /**
   * Taken when a scan starts (before the folder is listed): whether memory, not what the scan reads, holds for a
   * file. A write queued before the listing may land after it, and one queued during the scan after its read.
   */
  scanGuard(): (name: string) => boolean {
    const queuedBefore = new Map(this.queued);
    const pendingBefore = new Set(this.pending.keys());
    return (name) => this.pending.has(name) || pendingBefore.has(name) || this.queued.get(name) !== queuedBefore.get(name);
  }
}
