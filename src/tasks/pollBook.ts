import type { Clock } from '../domain/clock';
import type { TrackedTask } from './trackedTask';

const BACKOFF_FACTOR = 1.5;
const MAX_POLL_INTERVAL_MS = 30_000;

/** When each task is next polled, and how long it has been watched. Times are on the monotonic clock. */
interface PollState {
  nextPollAt: number;
  /** Polls since the last visible change: the backoff exponent. */
  quietPolls: number;
  /** When the last answer about the task came: among tasks due at once, the longest unheard goes first. */
  lastHeardAt?: number;
  /**
   * Set when the task was resumed, or waited for its profile: it is polled at least once before it may end as
   * timed out, so a task that finished meanwhile is reported as it ended.
   */
  owesPoll: boolean;
  /** Since when this window has been watching it; undefined while it waits for its profile. */
  watchingSince?: number;
}

/**
 * The tracker's schedule: poll times with backoff, and the time each task has been watched. Everything here is
 * measured on the monotonic clock, so a change of the system time neither ends nor stalls a task.
 */
export class PollBook {
  private readonly polls = new Map<string, PollState>();

  constructor(
    private readonly clock: Clock,
    private readonly pollIntervalMs: () => number,
  ) {}

  /** A task this window starts: first poll after one interval. */
  add(task: TrackedTask): void {
    const now = this.clock.monotonic();
    this.polls.set(task.key, { nextPollAt: now + this.pollIntervalMs(), quietPolls: 0, owesPoll: false, watchingSince: now });
  }

  /** A task another window (or an earlier one) started: polled at once, and before it may time out. */
  addResumed(task: TrackedTask): void {
    const now = this.clock.monotonic();
    this.polls.set(task.key, { nextPollAt: now, quietPolls: 0, owesPoll: true, watchingSince: now });
  }

  delete(key: string): void {
    this.polls.delete(key);
  }

  /** Watched time: what was persisted with the task plus this window's watch. */
  watchedMs(task: TrackedTask): number {
    const poll = this.polls.get(task.key);
    const current = poll?.watchingSince !== undefined ? this.clock.monotonic() - poll.watchingSince : 0;
    return (task.watchedMs ?? 0) + Math.max(0, current);
  }

  /** The task waits for its profile: its watch pauses, and it owes a poll once the profile is back. */
  pause(task: TrackedTask): void {
    const poll = this.polls.get(task.key);
    if (!poll) return;
    poll.owesPoll = true;
    if (poll.watchingSince === undefined) return;
    task.watchedMs = this.watchedMs(task);
    poll.watchingSince = undefined;
  }

  /** The task's profile is active again: its watch goes on, and it is polled at once if it owes a poll. */
  unpause(task: TrackedTask): void {
    const poll = this.polls.get(task.key);
    if (!poll) return;
    const now = this.clock.monotonic();
    poll.watchingSince ??= now;
    if (poll.owesPoll) poll.nextPollAt = Math.min(poll.nextPollAt, now);
  }

  owesPoll(key: string): boolean {
    return this.polls.get(key)?.owesPoll ?? false;
  }

  isDue(key: string, now: number): boolean {
    return (this.polls.get(key)?.nextPollAt ?? now) <= now;
  }

  /** Due tasks first by when they were due, then the longest unheard. */
  compare(a: TrackedTask, b: TrackedTask): number {
    const pa = this.polls.get(a.key);
    const pb = this.polls.get(b.key);
    return (pa?.nextPollAt ?? 0) - (pb?.nextPollAt ?? 0) || (pa?.lastHeardAt ?? 0) - (pb?.lastHeardAt ?? 0);
  }

  /** A poll of these tasks is under way: they may now time out. */
  polled(tasks: readonly TrackedTask[]): void {
    for (const task of tasks) {
      const poll = this.polls.get(task.key);
      if (poll) poll.owesPoll = false;
    }
  }

  /** Next poll after the current interval; the interval grows while nothing changes, and resets on a change. */
  backOff(task: TrackedTask, changed: boolean, extraFactor = 1): void {
    const poll = this.polls.get(task.key);
    if (!poll) return;
    const now = this.clock.monotonic();
    poll.quietPolls = changed ? 0 : poll.quietPolls + 1;
    poll.lastHeardAt = now;
    const base = this.pollIntervalMs();
    const interval = Math.min(base * BACKOFF_FACTOR ** poll.quietPolls * extraFactor, Math.max(MAX_POLL_INTERVAL_MS, base));
    poll.nextPollAt = now + interval;
  }

  /** Not before `at` (a rate slot frees then). */
  deferTo(task: TrackedTask, at: number): void {
    const poll = this.polls.get(task.key);
    if (poll) poll.nextPollAt = Math.max(poll.nextPollAt, at);
  }

  pollNow(task: TrackedTask): void {
    const poll = this.polls.get(task.key);
    if (poll) poll.nextPollAt = this.clock.monotonic();
  }

  /** When the loop must next wake for this task: its poll, or its timeout unless it owes a poll first. */
  wakeAt(task: TrackedTask, timeoutMs: number): number | undefined {
    const poll = this.polls.get(task.key);
    if (!poll) return undefined;
    const deadline = poll.owesPoll ? Infinity : this.clock.monotonic() + timeoutMs - this.watchedMs(task);
    return Math.min(poll.nextPollAt, deadline);
  }
}
