import type { Clock, TimerHandle } from '../../domain/clock';
import type { PollBook } from '../pollBook';
import type { TaskResult, TrackedTask } from '../trackedTask';
import type { TaskBoard } from './taskBoard';

/** What the bridge needs of the tracker it serves. */
export interface SharedHost {
  readonly clock: Clock;
  readonly polls: PollBook;
  /** The tracker's own map of tasks: the bridge adds other windows' tasks to it and drops the ones that ended. */
  readonly tracked: Map<string, TrackedTask>;
  /** The task waits for its profile, or for the site and endpoint it was sent to: it is not polled. */
  isWaiting(task: TrackedTask): boolean;
  changed(): void;
  schedule(): void;
  /** A task another window reported the end of, or forgot: gone here without an outcome. */
  dropped(task: TrackedTask): void;
  log(message: string): void;
}

/**
 * Joins one window's tracker to the board every window shares. The window polls only the tasks whose lease it
 * holds; the others it shows as their poller last recorded them. Every third of a lease period it renews its
 * leases, gives back those of tasks waiting for a profile not active here, and takes the leases of tasks nobody
 * polls (new ones, or ones whose window stopped).
 */
export class SharedTasks {
  private timer: TimerHandle | undefined;
  private subscription: { dispose(): void } | undefined;
  private cycling = false;
  private disposed = false;
  /** Tasks whose end this window is recording: the board no longer lists them, yet the tracker still does. */
  private readonly ending = new Set<string>();

  constructor(
    readonly board: TaskBoard,
    private readonly host: SharedHost,
  ) {}

  /** True when this window polls the task. */
  polls(key: string): boolean {
    return this.board.leases.holds(key);
  }

  /** Reads the board, brings in the tasks an older version kept in global state, and starts taking leases. */
  async resume(legacy: readonly TrackedTask[]): Promise<void> {
    await this.board.start();
    const known = new Set(this.board.running().map((task) => task.key));
    await Promise.all(legacy.filter((task) => !known.has(task.key)).map((task) => this.board.put(task)));
    if (this.disposed) return;
    this.subscription = this.board.onDidChange(() => this.merge());
    this.merge();
    await this.cycle();
  }

  /** A task this window has just started: recorded, and polled here. */
  started(task: TrackedTask): void {
    void this.board.leases.claimNew(task.key);
    void this.board.put(task);
  }

  /** Records the tasks this window polls, as it sees them now (only those that changed are written). */
  persist(tasks: readonly TrackedTask[]): void {
    for (const task of tasks) if (this.polls(task.key)) void this.board.put(task);
  }

  /** Resolves true when this window is the one to report the end (see TaskBoard.end). */
  async ended(task: TrackedTask, result: TaskResult): Promise<boolean> {
    this.ending.add(task.key);
    try {
      return await this.board.end(task, result);
    } finally {
      this.ending.delete(task.key);
    }
  }

  forget(tasks: readonly TrackedTask[]): void {
    for (const task of tasks) void this.board.remove(task.key);
  }

  /** Renews and takes leases now (the active profile changed), then goes on every third of a lease. */
  wake(): void {
    void this.cycle();
  }

  /** Gives back this window's leases, so another window takes its tasks over at once instead of at expiry. */
  async dispose(tasks: readonly TrackedTask[]): Promise<void> {
    this.disposed = true;
    this.subscription?.dispose();
    if (this.timer !== undefined) this.host.clock.clearTimer(this.timer);
    this.persist(tasks);
    const held = this.board.leases.heldKeys();
    await this.board.flush();
    await Promise.all(held.map((key) => this.board.leases.release(key)));
    this.board.dispose();
  }

  /** Takes in what the board says of the tasks this window does not poll. */
  private merge(): void {
    if (this.disposed) return;
    const records = new Map(this.board.running().map((task) => [task.key, task]));
    let changed = false;
    for (const [key, task] of records) {
      const mine = this.host.tracked.get(key);
      if (mine && (this.polls(key) || JSON.stringify(mine) === JSON.stringify(task))) continue;
      this.host.tracked.set(key, { ...task, ipsBefore: [...task.ipsBefore] });
      changed = true;
    }
    const dropped: TrackedTask[] = [];
    for (const [key, task] of [...this.host.tracked]) {
      if (records.has(key) || this.ending.has(key)) continue;
      // Ended (reported by its poller) or forgotten (its profile signed out) in another window.
      this.host.tracked.delete(key);
      this.host.polls.delete(key);
      void this.board.leases.release(key);
      dropped.push(task);
      changed = true;
    }
    if (changed) {
      this.host.changed();
      this.host.schedule();
    }
    dropped.forEach((task) => this.host.dropped(task));
  }

  private async cycle(): Promise<void> {
    if (this.cycling || this.disposed) return;
    this.cycling = true;
    if (this.timer !== undefined) this.host.clock.clearTimer(this.timer);
    this.timer = undefined;
    let changed = false;
    try {
      for (const key of await this.board.leases.renew()) {
        this.host.polls.delete(key);
        this.host.log(`another window polls ${key} now`);
        changed = true;
      }
      for (const key of this.board.leases.heldKeys()) {
        const task = this.host.tracked.get(key);
        if (task && !this.host.isWaiting(task)) continue;
        if (task) {
          // Its profile is not active here: another window where it is may poll it.
          this.host.polls.pause(task);
          await this.board.put({ ...task, watchedMs: this.host.polls.watchedMs(task) });
          this.host.polls.delete(key);
        }
        await this.board.leases.release(key);
      }
      for (const task of [...this.host.tracked.values()]) {
        if (this.polls(task.key) || this.ending.has(task.key) || this.host.isWaiting(task)) continue;
        if (!(await this.board.leases.take(task.key)) || this.disposed) continue;
        const current = this.host.tracked.get(task.key);
        if (!current) {
          await this.board.leases.release(task.key);
          continue;
        }
        this.host.polls.addResumed(current);
        this.host.log(`polling ${task.key} in this window`);
        changed = true;
      }
    } catch (error) {
      this.host.log(`could not update the task leases: ${String(error)}`);
    } finally {
      this.cycling = false;
    }
    if (this.disposed) return;
    if (changed) this.host.changed();
    this.host.schedule();
    this.timer = this.host.clock.setTimer(() => void this.cycle(), this.board.leases.leaseMs / 3);
  }
}
