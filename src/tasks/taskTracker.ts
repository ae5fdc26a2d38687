import type { Clock, TimerHandle } from '../domain/clock';
import type { Logger } from '../domain/logger';
import { PollBook } from './pollBook';
import type { TrackerApi } from './taskPoller';
import { describeFailure, TaskPoller } from './taskPoller';
import { SharedTasks } from './shared/sharedTasks';
import type { TaskClientFactory } from './elsewherePollers';
import { elsewhereKey, ElsewherePollers } from './elsewherePollers';
import type { TaskBoard } from './shared/taskBoard';
import type { NewTask, TaskOutcome, TrackedTask } from './trackedTask';
import { taskKey } from './trackedTask';

/** Where tasks in flight are kept between window reloads. */
export interface TaskStore {
  load(): TrackedTask[];
  save(tasks: readonly TrackedTask[]): Promise<void>;
}

export interface TrackerTiming {
  /** The first poll after a task starts, and the interval the backoff starts from. */
  pollIntervalMs(): number;
  /** A task still running after it has been watched this long ends as timed out. */
  timeoutMs(): number;
}

export interface Disposable {
  dispose(): void;
}

export type { TrackerApi };

/** What a task waits for before it is polled (see TaskTracker.waitingFor). */
export type Waiting = { readonly profileId: string } | { readonly connection: string };

export interface TaskTrackerDeps {
  readonly api: TrackerApi;
  /** Wall time for what is stored and shown; monotonic time for polls and timeouts. */
  readonly clock: Clock;
  readonly store: TaskStore;
  readonly timing: TrackerTiming;
  /**
   * The profile `api` speaks for at this moment. A task started under another profile waits until that one is
   * active again. Without it (or for tasks with no profile recorded) every task is polled.
   */
  readonly activeProfileId?: () => string | undefined;
  /** Where `api` sends its calls now (site and endpoint): a task sent elsewhere is polled through its own client. */
  readonly activeConnection?: () => string | undefined;
  /**
   * A client for the profile and connection a task was sent with, when those are not the active ones: the task is
   * polled through it until it ends. Without it, or when it gives none, such a task waits until they are active.
   */
  readonly clientFor?: TaskClientFactory;
  readonly log?: Logger;
  /**
   * The board the user's windows share. With it, tasks are kept there (the store only hands over what an older
   * version left in global state), each is polled by the one window holding its lease, and its end is reported
   * by that window alone. Without it, the tracker keeps its tasks in the store and polls them all.
   */
  readonly board?: TaskBoard;
}

/**
 * Tracks network tasks until they end. One poll loop for all tasks: each tick polls the tasks that are due,
 * within the API's rate limits, then sleeps until the next one is due. Polls back off while nothing changes.
 * DescribeTasks is asked once per region for every task in flight there (listed by start time, matched by id);
 * a task the listing does not show is asked for by id, then watched through its group.
 * Knows nothing of VS Code: the clock, timers, storage and API come in through the constructor.
 */
export class TaskTracker {
  private readonly tracked = new Map<string, TrackedTask>();
  private readonly polls: PollBook;
  private readonly changeListeners = new Set<(tasks: readonly TrackedTask[]) => void>();
  private readonly finishListeners = new Set<(outcome: TaskOutcome) => void>();
  private readonly dropListeners = new Set<(task: TrackedTask) => void>();
  private readonly poller: TaskPoller;
  private timer: TimerHandle | undefined;
  private timerDueAt: number | undefined;
  private ticking = false;
  private disposed = false;
  private readonly shared: SharedTasks | undefined;
  /** Tasks that ended here whose end is being recorded on the board: shown until then, no longer polled. */
  private readonly finishing = new Set<string>();
  private readonly elsewhere: ElsewherePollers | undefined;

  constructor(private readonly deps: TaskTrackerDeps) {
    this.polls = new PollBook(deps.clock, () => deps.timing.pollIntervalMs());
    this.shared = deps.board
      ? new SharedTasks(deps.board, {
          clock: deps.clock,
          polls: this.polls,
          tracked: this.tracked,
          isWaiting: (task) => this.waitingFor(task) !== undefined,
          changed: () => this.changed(),
          schedule: () => this.schedule(),
          dropped: (task) => this.dropListeners.forEach((listener) => listener(task)),
          log: (message) => this.log(message),
        })
      : undefined;
    // The current client polls what was sent through it (or waits for it); each other client what was sent with it.
    this.poller = this.newPoller(deps.api, () => this.polledTasks().filter((task) => !this.polledElsewhere(task)), (task) => this.waitingFor(task) !== undefined);
    this.elsewhere = deps.clientFor
      ? new ElsewherePollers(deps.clientFor, (api, key) =>
          this.newPoller(api, () => this.polledTasks().filter((task) => this.polledElsewhere(task) && elsewhereKey(task) === key), () => false))
      : undefined;
  }

  private newPoller(api: TrackerApi, tracked: () => TrackedTask[], isWaiting: (task: TrackedTask) => boolean): TaskPoller {
    return new TaskPoller({
      api,
      clock: this.deps.clock,
      polls: this.polls,
      tracked,
      isTracked: (key) => this.tracked.has(key) && !this.finishing.has(key),
      isWaiting,
      timeoutMs: () => this.deps.timing.timeoutMs(),
      finish: (task, outcome) => this.finish(task, outcome),
      changed: () => this.changed(),
      persist: () => void this.persist(),
      log: (message) => this.log(message),
    });
  }

  /** Picks up the tasks a previous window left in flight. */
  resume(): void {
    if (this.shared) {
      void this.resumeShared();
      return;
    }
    for (const task of this.deps.store.load()) {
      if (this.tracked.has(task.key)) continue;
      this.tracked.set(task.key, task);
      this.polls.addResumed(task);
    }
    if (this.tracked.size > 0) {
      this.log(`resumed ${this.tracked.size} task(s)`);
      this.changed();
      this.schedule();
    }
  }

  start(newTask: NewTask): TrackedTask {
    const startedAt = this.deps.clock.now();
    const task: TrackedTask = {
      ...newTask,
      ipsBefore: [...newTask.ipsBefore],
      key: taskKey(newTask, startedAt),
      startedAt,
      source: newTask.taskId !== undefined ? 'task' : 'group',
      sawActivity: false,
    };
    this.tracked.set(task.key, task);
    this.polls.add(task);
    this.shared?.started(task);
    this.log(`tracking ${task.kind} on ${task.owner.id} (${task.taskId !== undefined ? `task ${task.taskId}` : 'watching its owner'})`);
    void this.persist();
    this.changed();
    this.schedule();
    return task;
  }

  /** The tasks in flight, each with the time it has been watched so far. */
  tasks(): readonly TrackedTask[] {
    return [...this.tracked.values()].map((task) => ({ ...task, ipsBefore: [...task.ipsBefore], watchedMs: this.polls.watchedMs(task) }));
  }

  /** Owners (groups and primaries, by id) with a task in flight: no second change is offered on them until it ends. */
  busyOwnerIds(): Set<string> {
    const busy = new Set([...this.tracked.values()].map((task) => task.owner.id));
    this.deps.board?.owners.sendingOwnerIds().forEach((ownerId) => busy.add(ownerId));
    return busy;
  }

  /**
   * What a task waits for before it can be polled: the profile it was started under, when another is active, or
   * the site and endpoint it was sent to, when the client points elsewhere (asked there, it would be unknown and
   * reported failed while it runs where it was sent). Undefined when it is polled.
   */
  waitingFor(task: TrackedTask): Waiting | undefined {
    return this.polledElsewhere(task) ? undefined : this.sentElsewhere(task);
  }

  /** Sent with another profile or connection than the current client's, and polled through a client of its own. */
  private polledElsewhere(task: TrackedTask): boolean {
    return this.sentElsewhere(task) !== undefined && this.elsewhere?.canPoll(task) === true;
  }

  /** The profile, or the site and endpoint, a task was sent with when the current client has others; else undefined. */
  private sentElsewhere(task: TrackedTask): Waiting | undefined {
    const profile = this.waitingForProfile(task);
    if (profile !== undefined) return { profileId: profile };
    const active = this.deps.activeConnection?.();
    if (task.connection !== undefined && active !== undefined && task.connection !== active) return { connection: task.connection };
    return undefined;
  }

  /** The profile a task waits for (it was started under another one than the active), or undefined. */
  private waitingForProfile(task: TrackedTask): string | undefined {
    if (task.profileId === undefined || this.deps.activeProfileId === undefined) return undefined;
    return task.profileId === this.deps.activeProfileId() ? undefined : task.profileId;
  }

  /** Call when the active profile changes: its waiting tasks are polled at once, the others start waiting. */
  activeProfileChanged(): void {
    if (this.disposed || this.tracked.size === 0) return;
    for (const task of this.tracked.values()) {
      if (this.waitingFor(task) !== undefined) this.polls.pause(task);
      else this.polls.unpause(task);
    }
    this.changed();
    this.schedule();
    this.shared?.wake();
  }

  /**
   * Call when a profile is signed out: its tasks can no longer be asked about, so they are dropped without an
   * outcome (which would only guess how they ended). A poll still in flight for them is ignored when it returns.
   */
  forgetProfile(profileId: string): void {
    if (this.disposed) return;
    const forgotten = [...this.tracked.values()].filter((task) => task.profileId === profileId);
    if (forgotten.length === 0) return;
    for (const task of forgotten) {
      this.tracked.delete(task.key);
      this.polls.delete(task.key);
    }
    this.log(`profile ${profileId} signed out: stopped following ${forgotten.length} task(s)`);
    this.shared?.forget(forgotten);
    void this.persist();
    this.changed();
    this.schedule();
  }

  onDidChange(listener: (tasks: readonly TrackedTask[]) => void): Disposable {
    this.changeListeners.add(listener);
    return { dispose: () => this.changeListeners.delete(listener) };
  }

  onDidFinish(listener: (outcome: TaskOutcome) => void): Disposable {
    this.finishListeners.add(listener);
    return { dispose: () => this.finishListeners.delete(listener) };
  }

  /** A task another window reported the end of (or forgot): this window drops it without an outcome. */
  onDidEndElsewhere(listener: (task: TrackedTask) => void): Disposable {
    this.dropListeners.add(listener);
    return { dispose: () => this.dropListeners.delete(listener) };
  }

  dispose(): void {
    // Keeps the time each task was watched here: its timeout goes on from there in the next window.
    if (this.shared && !this.disposed) void this.shared.dispose(this.tasks());
    else if (!this.disposed && this.tracked.size > 0) void this.persist();
    this.disposed = true;
    this.cancelTimer();
    this.elsewhere?.dispose();
    this.changeListeners.clear();
    this.finishListeners.clear();
    this.dropListeners.clear();
  }

  /** One pass of the loop (exposed for tests; the scheduler calls it). */
  async tick(): Promise<void> {
    if (this.ticking || this.disposed) return;
    this.ticking = true;
    this.timerDueAt = undefined;
    try {
      await Promise.all([this.poller.pollDueTasks(), this.elsewhere?.pollDueTasks()]);
    } finally {
      this.ticking = false;
    }
    this.elsewhere?.releaseUnneeded([...this.tracked.values()].filter((task) => this.polledElsewhere(task)));
    this.schedule();
  }

  private finish(task: TrackedTask, outcome: Omit<TaskOutcome, 'task' | 'finishedAt'>): void {
    if (this.shared) {
      this.finishShared(task, outcome);
      return;
    }
    if (!this.tracked.delete(task.key)) return;
    this.polls.delete(task.key);
    this.log(`${task.kind} on ${task.owner.id}: ${outcome.result}${outcome.message ? ` (${outcome.message})` : ''}`);
    const full: TaskOutcome = { ...outcome, task, finishedAt: this.deps.clock.now() };
    void this.persist();
    this.changed();
    for (const listener of this.finishListeners) listener(full);
  }

  /**
   * One notification per end, by the window that polled it: a window that took the lease meanwhile stays quiet.
   * The task leaves the list when its outcome is known, as without a board, so "no task left" means "reported".
   */
  private finishShared(task: TrackedTask, outcome: Omit<TaskOutcome, 'task' | 'finishedAt'>): void {
    if (!this.shared || !this.tracked.has(task.key) || this.finishing.has(task.key)) return;
    this.finishing.add(task.key);
    this.polls.delete(task.key);
    this.log(`${task.kind} on ${task.owner.id}: ${outcome.result}${outcome.message ? ` (${outcome.message})` : ''}`);
    const full: TaskOutcome = { ...outcome, task, finishedAt: this.deps.clock.now() };
    void this.shared.ended(task, outcome.result).then((report) => {
      this.finishing.delete(task.key);
      if (!this.tracked.delete(task.key) || this.disposed) return;
      this.changed();
      this.schedule();
      if (report) this.finishListeners.forEach((listener) => listener(full));
      else this.log(`${task.key} ended: reported by another window`);
    });
  }

  /** The tasks this window polls: all of them, or with a shared board those whose lease it holds. */
  private polledTasks(): TrackedTask[] {
    const all = [...this.tracked.values()].filter((task) => !this.finishing.has(task.key));
    return this.shared ? all.filter((task) => this.shared?.polls(task.key)) : all;
  }

  private async resumeShared(): Promise<void> {
    const legacy = this.deps.store.load();
    await this.shared?.resume(legacy);
    if (legacy.length > 0) await this.deps.store.save([]);
    if (this.tracked.size > 0) this.log(`following ${this.tracked.size} task(s) of this and other windows`);
  }

  private schedule(): void {
    if (this.disposed || this.ticking) return;
    const timeoutMs = this.deps.timing.timeoutMs();
    let earliest: number | undefined;
    for (const task of this.polledTasks()) {
      // A waiting task needs no timer: activeProfileChanged() wakes the loop when its profile returns.
      if (this.waitingFor(task) !== undefined) continue;
      const at = this.polls.wakeAt(task, timeoutMs);
      if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
    }
    if (earliest === undefined) {
      this.cancelTimer();
      return;
    }
    if (this.timerDueAt !== undefined && this.timerDueAt <= earliest) return;
    this.cancelTimer();
    this.timerDueAt = earliest;
    const delay = Math.max(0, earliest - this.deps.clock.monotonic());
    this.timer = this.deps.clock.setTimer(() => void this.tick(), delay);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.timerDueAt = undefined;
  }

  private async persist(): Promise<void> {
    if (this.shared) {
      this.shared.persist(this.tasks());
      return;
    }
    try {
      await this.deps.store.save(this.tasks());
    } catch (error) {
      this.deps.log?.warn(`could not save the tasks in flight: ${describeFailure(error)}`);
    }
  }

  private changed(): void {
    const tasks = this.tasks();
    // Other windows show this window's progress from the records it keeps.
    this.shared?.persist(tasks);
    for (const listener of this.changeListeners) listener(tasks);
  }

  private log(message: string): void {
    this.deps.log?.info(message);
  }
}
