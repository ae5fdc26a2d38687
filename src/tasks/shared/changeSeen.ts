import type { Clock } from '../../domain/clock';

/**
 * How long each record has read the same, on this window's monotonic clock: the one measure of another window's
 * liveness that neither a wall-clock step nor another window's settings can bend. A record first seen now counts
 * from now, so a window that has just opened waits a whole bound before it takes anything.
 */
export class ChangeSeen {
  private readonly seen = new Map<string, { text: string; since: number }>();

  constructor(private readonly clock: Clock) {}

  /** Milliseconds since `text` was first read under `id` without a change. */
  unchangedFor(id: string, text: string): number {
    const now = this.clock.monotonic();
    const seen = this.seen.get(id);
    if (seen && seen.text === text) return now - seen.since;
    this.seen.set(id, { text, since: now });
    return 0;
  }

  forget(id: string): void {
    this.seen.delete(id);
  }
}
