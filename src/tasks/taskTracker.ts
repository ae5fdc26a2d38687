import type { CloudApi } from '../cloud/cloudApi';
import { isCloudError } from '../cloud/cloudError';
import type { Clock, TimerHandle } from '../domain/clock';
import { judgeChangeFromGroup } from '../domain/groupJudgement';
import type { GroupNetwork, ReadOnlyGroup, TaskStatus } from '../domain/model';
import { findCreatedNetwork } from '../domain/networkMatch';
import { PollBook } from './pollBook';
import { SlidingWindowLimiter } from './rateLimiter';
import type { RegionListing } from './regionListing';
import { listRegionTasks } from './regionListing';
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

export type TrackerApi = Pick<CloudApi, 'describeTask' | 'listTasks' | 'getReadOnlyGroup'>;

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
  readonly log?: (message: string) => void;
}

/** DescribeTasks allows 20 requests per second per account; half of it leaves room for other tools and windows. */
export const DESCRIBE_TASKS_PER_SECOND = 10;
/**
 * A region's tasks are listed from this long before the oldest one tracked: the local clock may run ahead of the
 * API's, and a task the listing misses is still asked for by id.
 */
export const TASK_LISTING_MARGIN_MS = 10 * 60_000;
export { TASK_LISTING_PAGE_SIZE } from './regionListing';
/** After a listing fails, or misses tasks DescribeTasks knows by id, the region's tasks are asked for by id this long. */
export const TASK_LISTING_PAUSE_MS = 5 * 60_000;
/** DescribeReadOnlyGroups allows 1000 per second; the watch needs few. */
const READ_GROUPS_PER_SECOND = 20;
/**
 * While watching the group, a group that is `ok` without the change is taken as "not started yet" for this long,
 * then as "failed": the API may take a moment before it shows the group busy.
 */
export const GROUP_WATCH_GRACE_MS = 120_000;

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
  private readonly describeLimiter = new SlidingWindowLimiter(DESCRIBE_TASKS_PER_SECOND, 1000);
  private readonly groupLimiter = new SlidingWindowLimiter(READ_GROUPS_PER_SECOND, 1000);
  /** Regions whose tasks are asked for by id until then (monotonic ms). */
  private readonly listingPausedUntil = new Map<string, number>();
  private timer: TimerHandle | undefined;
  private timerDueAt: number | undefined;
  private ticking = false;
  private disposed = false;

  constructor(private readonly deps: TaskTrackerDeps) {
    this.polls = new PollBook(deps.clock, () => deps.timing.pollIntervalMs());
  }

  /** Picks up the tasks a previous window left in flight. */
  resume(): void {
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
    this.log(`tracking ${task.kind} on ${task.groupId} (${task.taskId !== undefined ? `task ${task.taskId}` : 'watching the group'})`);
    void this.persist();
    this.changed();
    this.schedule();
    return task;
  }

  /** The tasks in flight, each with the time it has been watched so far. */
  tasks(): readonly TrackedTask[] {
    return [...this.tracked.values()].map((task) => ({ ...task, ipsBefore: [...task.ipsBefore], watchedMs: this.polls.watchedMs(task) }));
  }

  /** Groups with a task in flight: no second change is offered on them until it ends. */
  busyGroupIds(): Set<string> {
    return new Set([...this.tracked.values()].map((task) => task.groupId));
  }

  /** The profile a task waits for (it was started under another one than the active), or undefined when it is polled. */
  waitingForProfile(task: TrackedTask): string | undefined {
    if (task.profileId === undefined || this.deps.activeProfileId === undefined) return undefined;
    return task.profileId === this.deps.activeProfileId() ? undefined : task.profileId;
  }

  /** Call when the active profile changes: its waiting tasks are polled at once, the others start waiting. */
  activeProfileChanged(): void {
    if (this.disposed || this.tracked.size === 0) return;
    for (const task of this.tracked.values()) {
      if (this.waitingForProfile(task) !== undefined) this.polls.pause(task);
      else this.polls.unpause(task);
    }
    this.changed();
    this.schedule();
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

  dispose(): void {
    // Keeps the time each task was watched here: its timeout goes on from there in the next window.
    if (!this.disposed && this.tracked.size > 0) void this.persist();
    this.disposed = true;
    this.cancelTimer();
    this.changeListeners.clear();
    this.finishListeners.clear();
  }

  /** One pass of the loop (exposed for tests; the scheduler calls it). */
  async tick(): Promise<void> {
    if (this.ticking || this.disposed) return;
    this.ticking = true;
    this.timerDueAt = undefined;
    try {
      await this.pollDueTasks();
    } finally {
      this.ticking = false;
    }
    this.schedule();
  }

  private async pollDueTasks(): Promise<void> {
    const now = this.deps.clock.monotonic();
    const timeoutMs = this.deps.timing.timeoutMs();
    const due: TrackedTask[] = [];
    for (const task of this.tracked.values()) {
      if (this.waitingForProfile(task) !== undefined) {
        // Another account's task ids mean nothing to this profile's API: left alone until its profile returns.
        this.polls.pause(task);
      } else if (this.polls.watchedMs(task) >= timeoutMs && !this.polls.owesPoll(task.key)) {
        this.finish(task, { result: 'timedOut' });
      } else if (this.polls.isDue(task.key, now)) {
        due.push(task);
      }
    }
    due.sort((a, b) => this.polls.compare(a, b));

    const work: Promise<void>[] = [];
    const groupWatchers = new Map<string, TrackedTask[]>();
    const listedRegions = new Map<string, TrackedTask[]>();
    for (const task of due) {
      if (task.source === 'task' && task.taskId !== undefined) {
        if ((this.listingPausedUntil.get(task.region) ?? 0) <= now) {
          appendTo(listedRegions, task.region, task);
        } else if (this.describeLimiter.tryTake(now)) {
          this.polls.polled([task]);
          work.push(this.pollTask(task, task.taskId).then(() => undefined));
        } else {
          this.polls.deferTo(task, this.describeLimiter.nextFreeAt(now));
        }
      } else {
        appendTo(groupWatchers, `${task.region}/${task.groupId}`, task);
      }
    }
    // One read per group, however many tasks watch it.
    for (const watchers of groupWatchers.values()) {
      if (this.groupLimiter.tryTake(now)) {
        this.polls.polled(watchers);
        work.push(this.pollGroup(watchers));
      } else {
        const at = this.groupLimiter.nextFreeAt(now);
        watchers.forEach((task) => this.polls.deferTo(task, at));
      }
    }
    for (const [region, tasks] of listedRegions) {
      if (this.describeLimiter.tryTake(now)) {
        this.polls.polled(tasks);
        work.push(this.pollRegion(region, tasks));
      } else {
        const at = this.describeLimiter.nextFreeAt(now);
        tasks.forEach((task) => this.polls.deferTo(task, at));
      }
    }
    await Promise.all(work);
  }

  /**
   * One listing of the region's tasks answers for every task tracked there (due or not); the due tasks it does
   * not show are asked for by id. The caller has taken the rate slot of the first page.
   */
  private async pollRegion(region: string, due: readonly TrackedTask[]): Promise<void> {
    const inRegion = [...this.tracked.values()].filter(
      (task) => task.region === region && task.source === 'task' && task.taskId !== undefined && this.waitingForProfile(task) === undefined,
    );
    const since = Math.min(...inRegion.map((task) => task.startedAt)) - TASK_LISTING_MARGIN_MS;
    let listing: RegionListing;
    try {
      listing = await listRegionTasks(this.deps.api, {
        region,
        since,
        tracked: new Set(inRegion.map((task) => task.taskId)),
        wanted: new Set(due.map((task) => task.taskId)),
        takeSlot: () => this.describeLimiter.tryTake(this.deps.clock.monotonic()),
      });
    } catch (error) {
      // Throttled; or the profile changed while listing, and the failure says nothing about the region's listing.
      if ((isCloudError(error) && error.kind === 'throttled') || due.some((task) => this.waitingForProfile(task) !== undefined)) {
        due.forEach((task) => this.polls.backOff(task, false, 2));
        return;
      }
      this.pauseListing(region, `listing the tasks of ${region} failed (${describe(error)})`);
      listing = { found: new Map(), complete: false, outOfBudget: false };
    }

    const work: Promise<void>[] = [];
    const notListed: TrackedTask[] = [];
    for (const task of inRegion) {
      if (!this.tracked.has(task.key) || task.source !== 'task' || task.taskId === undefined || this.waitingForProfile(task) !== undefined) continue;
      const status = listing.found.get(task.taskId);
      if (status) work.push(this.applyStatus(task, status));
      else if (due.includes(task)) notListed.push(task);
    }
    for (const task of notListed) {
      const now = this.deps.clock.monotonic();
      if (listing.outOfBudget || !this.describeLimiter.tryTake(now)) {
        this.polls.deferTo(task, this.describeLimiter.nextFreeAt(now));
        continue;
      }
      work.push(
        this.pollTask(task, task.taskId ?? 0).then((known) => {
          // The API knows the task by id, yet a full listing left it out: listing does not serve this region.
          if (known && listing.complete) this.pauseListing(region, `listing the tasks of ${region} left out task ${task.taskId}`);
        }),
      );
    }
    await Promise.all(work);
  }

  private pauseListing(region: string, reason: string): void {
    this.log(`${reason}: asking for each task by id for a while`);
    this.listingPausedUntil.set(region, this.deps.clock.monotonic() + TASK_LISTING_PAUSE_MS);
  }

  /** Asks DescribeTasks for one task by id; resolves true when the API knew it. */
  private async pollTask(task: TrackedTask, taskId: number): Promise<boolean> {
    let status: TaskStatus | undefined;
    try {
      status = await this.deps.api.describeTask(task.region, taskId);
    } catch (error) {
      if ((isCloudError(error) && error.kind === 'throttled') || this.waitingForProfile(task) !== undefined) {
        // Throttled; or the profile changed while asking, and the failure says nothing about the task.
        this.polls.backOff(task, false, 2);
        return false;
      }
      this.log(`DescribeTasks failed for task ${taskId} (${describe(error)}): watching group ${task.groupId} instead`);
      this.switchToGroupWatch(task);
      return false;
    }
    if (!this.tracked.has(task.key)) return status !== undefined;
    if (status === undefined && this.waitingForProfile(task) === undefined) {
      this.log(`DescribeTasks does not know task ${taskId}: watching group ${task.groupId} instead`);
      this.switchToGroupWatch(task);
      return false;
    }
    if (status !== undefined) await this.applyStatus(task, status);
    return status !== undefined;
  }

  private async applyStatus(task: TrackedTask, status: TaskStatus): Promise<void> {
    switch (status.state) {
      case 'Success':
        await this.finishSucceeded(task);
        return;
      case 'Fail':
        this.finish(task, { result: 'failed', message: status.message || undefined });
        return;
      default: {
        const changed = task.progress !== status.progress || task.step !== (status.currentStep || undefined);
        task.progress = clampPercent(status.progress);
        task.step = status.currentStep || undefined;
        task.sawActivity = true;
        this.polls.backOff(task, changed);
        if (changed) this.changed();
      }
    }
  }

  private async pollGroup(watchers: readonly TrackedTask[]): Promise<void> {
    const first = watchers[0];
    let group: ReadOnlyGroup | undefined;
    try {
      group = await this.deps.api.getReadOnlyGroup(first.region, first.primaryInstanceId, first.groupId);
    } catch (error) {
      this.log(`reading group ${first.groupId} failed (${describe(error)}); trying again later`);
      watchers.forEach((task) => this.polls.backOff(task, false, 2));
      return;
    }
    for (const task of watchers) {
      if (this.tracked.has(task.key)) this.judgeFromGroup(task, group);
    }
  }

  /** Ends the task, or notes its progress, from what its group shows. */
  private judgeFromGroup(task: TrackedTask, group: ReadOnlyGroup | undefined): void {
    const mayHaveEnded = task.sawActivity || this.polls.watchedMs(task) >= GROUP_WATCH_GRACE_MS;
    const verdict = judgeChangeFromGroup(task, group, mayHaveEnded);
    if (verdict.state === 'succeeded') {
      this.finish(task, { result: 'succeeded', network: verdict.network });
      return;
    }
    if (verdict.state === 'failed') {
      // The group is gone, or idle again without the change: the task ended without doing it.
      this.finish(task, { result: 'failed' });
      return;
    }
    const changed = task.step !== verdict.step || (verdict.inFlight && !task.sawActivity);
    task.step = verdict.step;
    if (verdict.inFlight && !task.sawActivity) {
      task.sawActivity = true;
      void this.persist();
    }
    this.polls.backOff(task, changed);
    if (changed) this.changed();
  }

  private switchToGroupWatch(task: TrackedTask): void {
    task.source = 'group';
    task.progress = undefined;
    this.polls.pollNow(task);
    void this.persist();
    this.changed();
  }

  /** On success, one read of the group tells the network as it now is (the VIP of an automatic assignment). */
  private async finishSucceeded(task: TrackedTask): Promise<void> {
    let network: GroupNetwork | undefined;
    if (task.kind === 'addNetwork') {
      try {
        const group = await this.deps.api.getReadOnlyGroup(task.region, task.primaryInstanceId, task.groupId);
        network = group ? findCreatedNetwork(group, task, task.ipsBefore) : undefined;
      } catch {
        network = undefined; // the notification then names the VIP asked for, or none
      }
    }
    this.finish(task, { result: 'succeeded', network });
  }

  private finish(task: TrackedTask, outcome: Omit<TaskOutcome, 'task' | 'finishedAt'>): void {
    if (!this.tracked.delete(task.key)) return;
    this.polls.delete(task.key);
    this.log(`${task.kind} on ${task.groupId}: ${outcome.result}${outcome.message ? ` (${outcome.message})` : ''}`);
    void this.persist();
    this.changed();
    const full: TaskOutcome = { ...outcome, task, finishedAt: this.deps.clock.now() };
    for (const listener of this.finishListeners) listener(full);
  }

  private schedule(): void {
    if (this.disposed || this.ticking) return;
    const timeoutMs = this.deps.timing.timeoutMs();
    let earliest: number | undefined;
    for (const task of this.tracked.values()) {
      // A waiting task needs no timer: activeProfileChanged() wakes the loop when its profile returns.
      if (this.waitingForProfile(task) !== undefined) continue;
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
    try {
      await this.deps.store.save(this.tasks());
    } catch (error) {
      this.log(`could not save the tasks in flight: ${describe(error)}`);
    }
  }

  private changed(): void {
    const tasks = this.tasks();
    for (const listener of this.changeListeners) listener(tasks);
  }

  private log(message: string): void {
    this.deps.log?.(message);
  }
}

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function clampPercent(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, Math.round(value))) : 0;
}

function describe(error: unknown): string {
  if (isCloudError(error)) return `${error.code}${error.requestId ? `, request ${error.requestId}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
