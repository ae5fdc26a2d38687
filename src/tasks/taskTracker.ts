import type { CloudApi } from '../cloud/cloudApi';
import { isCloudError } from '../cloud/cloudError';
import type { GroupNetwork, ReadOnlyGroup, TaskStatus } from '../domain/model';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus } from '../domain/networkRules';
import { findCreatedNetwork, findNetwork } from '../domain/networkMatch';
import { SlidingWindowLimiter } from './rateLimiter';
import type { NewTask, TaskOutcome, TrackedTask } from './trackedTask';
import { taskKey } from './trackedTask';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export interface Scheduler {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where tasks in flight are kept between window reloads. */
export interface TaskStore {
  load(): TrackedTask[];
  save(tasks: readonly TrackedTask[]): Promise<void>;
}

export interface TrackerTiming {
  /** The first poll after a task starts, and the interval the backoff starts from. */
  pollIntervalMs(): number;
  /** A task still running after this long ends as timed out. */
  timeoutMs(): number;
}

export interface Disposable {
  dispose(): void;
}

export type TrackerApi = Pick<CloudApi, 'describeTask' | 'listTasks' | 'getReadOnlyGroup'>;

export interface TaskTrackerDeps {
  readonly api: TrackerApi;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
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
export const TASK_LISTING_PAGE_SIZE = 100;
/** Past this many pages the remaining tasks are asked for by id: the account runs other work in that region. */
const TASK_LISTING_MAX_PAGES = 5;
/** After a listing fails, or misses tasks DescribeTasks knows by id, the region's tasks are asked for by id this long. */
export const TASK_LISTING_PAUSE_MS = 5 * 60_000;
/** DescribeReadOnlyGroups allows 1000 per second; the watch needs few. */
const READ_GROUPS_PER_SECOND = 20;
const BACKOFF_FACTOR = 1.5;
const MAX_POLL_INTERVAL_MS = 30_000;
/**
 * While watching the group, a group that is `ok` without the change is taken as "not started yet" for this long,
 * then as "failed": the API may take a moment before it shows the group busy.
 */
export const GROUP_WATCH_GRACE_MS = 120_000;

interface PollState {
  nextPollAt: number;
  /** Polls since the last visible change: the backoff exponent. */
  quietPolls: number;
  /** When the last answer about the task came: among tasks due at once, the longest unheard goes first. */
  lastHeardAt?: number;
  /**
   * Set while the task waits for its profile: once that profile is active again the task is polled at least once
   * before it may end as timed out, so a task that finished meanwhile is reported as it ended.
   */
  owesPollAfterWait?: boolean;
}

/** What listing a region's tasks told: the statuses found, and whether the listing went to its end. */
interface RegionListing {
  readonly found: Map<number, TaskStatus>;
  /** False when the rate budget or the page cap stopped it, or a page failed. */
  readonly complete: boolean;
  /** True when the rate budget stopped it: the tasks not found wait for the next free slot. */
  readonly outOfBudget: boolean;
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
  private readonly polls = new Map<string, PollState>();
  private readonly changeListeners = new Set<(tasks: readonly TrackedTask[]) => void>();
  private readonly finishListeners = new Set<(outcome: TaskOutcome) => void>();
  private readonly describeLimiter = new SlidingWindowLimiter(DESCRIBE_TASKS_PER_SECOND, 1000);
  private readonly groupLimiter = new SlidingWindowLimiter(READ_GROUPS_PER_SECOND, 1000);
  /** Regions whose tasks are asked for by id until then (epoch ms). */
  private readonly listingPausedUntil = new Map<string, number>();
  private timer: unknown;
  private timerDueAt: number | undefined;
  private ticking = false;
  private disposed = false;

  constructor(private readonly deps: TaskTrackerDeps) {}

  /** Picks up the tasks a previous window left in flight. */
  resume(): void {
    for (const task of this.deps.store.load()) {
      if (this.tracked.has(task.key)) continue;
      this.tracked.set(task.key, task);
      this.polls.set(task.key, { nextPollAt: this.deps.clock.now(), quietPolls: 0 });
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
    this.polls.set(task.key, { nextPollAt: startedAt + this.deps.timing.pollIntervalMs(), quietPolls: 0 });
    this.log(`tracking ${task.kind} on ${task.groupId} (${task.taskId !== undefined ? `task ${task.taskId}` : 'watching the group'})`);
    void this.persist();
    this.changed();
    this.schedule();
    return task;
  }

  tasks(): readonly TrackedTask[] {
    return [...this.tracked.values()];
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
    const now = this.deps.clock.now();
    for (const task of this.tracked.values()) {
      const poll = this.polls.get(task.key);
      if (!poll) continue;
      if (this.waitingForProfile(task) !== undefined) poll.owesPollAfterWait = true;
      else if (poll.owesPollAfterWait) poll.nextPollAt = Math.min(poll.nextPollAt, now);
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
    const now = this.deps.clock.now();
    const timeoutMs = this.deps.timing.timeoutMs();
    const due: TrackedTask[] = [];
    for (const task of this.tracked.values()) {
      const poll = this.polls.get(task.key);
      if (this.waitingForProfile(task) !== undefined) {
        // Another account's task ids mean nothing to this profile's API: left alone until its profile returns.
        if (poll) poll.owesPollAfterWait = true;
      } else if (now - task.startedAt >= timeoutMs && !poll?.owesPollAfterWait) {
        this.finish(task, { result: 'timedOut' });
      } else if ((poll?.nextPollAt ?? now) <= now) {
        due.push(task);
      }
    }
    const order = (task: TrackedTask): [number, number] => {
      const poll = this.polls.get(task.key);
      return [poll?.nextPollAt ?? 0, poll?.lastHeardAt ?? 0];
    };
    due.sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);

    const work: Promise<void>[] = [];
    const groupWatchers = new Map<string, TrackedTask[]>();
    const listedRegions = new Map<string, TrackedTask[]>();
    for (const task of due) {
      if (task.source === 'task' && task.taskId !== undefined) {
        if ((this.listingPausedUntil.get(task.region) ?? 0) <= now) {
          appendTo(listedRegions, task.region, task);
        } else if (this.describeLimiter.tryTake(now)) {
          this.pollTried([task]);
          work.push(this.pollTask(task, task.taskId).then(() => undefined));
        } else {
          this.deferTo(task, this.describeLimiter.nextFreeAt(now));
        }
      } else {
        appendTo(groupWatchers, `${task.region}/${task.groupId}`, task);
      }
    }
    // One read per group, however many tasks watch it.
    for (const watchers of groupWatchers.values()) {
      if (this.groupLimiter.tryTake(now)) {
        this.pollTried(watchers);
        work.push(this.pollGroup(watchers));
      } else {
        const at = this.groupLimiter.nextFreeAt(now);
        watchers.forEach((task) => this.deferTo(task, at));
      }
    }
    for (const [region, tasks] of listedRegions) {
      if (this.describeLimiter.tryTake(now)) {
        this.pollTried(tasks);
        work.push(this.pollRegion(region, tasks));
      } else {
        const at = this.describeLimiter.nextFreeAt(now);
        tasks.forEach((task) => this.deferTo(task, at));
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
      listing = await this.listRegionTasks(region, since, new Set(inRegion.map((task) => task.taskId)), new Set(due.map((task) => task.taskId)));
    } catch (error) {
      // Throttled; or the profile changed while listing, and the failure says nothing about the region's listing.
      if ((isCloudError(error) && error.kind === 'throttled') || due.some((task) => this.waitingForProfile(task) !== undefined)) {
        due.forEach((task) => this.backOff(task, false, 2));
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
      const now = this.deps.clock.now();
      if (listing.outOfBudget || !this.describeLimiter.tryTake(now)) {
        this.deferTo(task, this.describeLimiter.nextFreeAt(now));
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

  /** Pages through the region's tasks started since `since` until every wanted task is found or the list ends. */
  private async listRegionTasks(region: string, since: number, tracked: ReadonlySet<number | undefined>, wanted: ReadonlySet<number | undefined>): Promise<RegionListing> {
    const found = new Map<number, TaskStatus>();
    let offset = 0;
    for (let page = 0; page < TASK_LISTING_MAX_PAGES; page++) {
      if (page > 0 && !this.describeLimiter.tryTake(this.deps.clock.now())) return { found, complete: false, outOfBudget: true };
      const answer = await this.deps.api.listTasks(region, { since, offset, limit: TASK_LISTING_PAGE_SIZE });
      for (const status of answer.tasks) {
        if (tracked.has(status.taskId)) found.set(status.taskId, status);
      }
      offset += answer.tasks.length;
      if (answer.tasks.length === 0 || offset >= answer.totalCount) return { found, complete: true, outOfBudget: false };
      if ([...wanted].every((taskId) => taskId !== undefined && found.has(taskId))) break;
    }
    return { found, complete: false, outOfBudget: false };
  }

  private pauseListing(region: string, reason: string): void {
    this.log(`${reason}: asking for each task by id for a while`);
    this.listingPausedUntil.set(region, this.deps.clock.now() + TASK_LISTING_PAUSE_MS);
  }

  /** Asks DescribeTasks for one task by id; resolves true when the API knew it. */
  private async pollTask(task: TrackedTask, taskId: number): Promise<boolean> {
    let status: TaskStatus | undefined;
    try {
      status = await this.deps.api.describeTask(task.region, taskId);
    } catch (error) {
      if ((isCloudError(error) && error.kind === 'throttled') || this.waitingForProfile(task) !== undefined) {
        // Throttled; or the profile changed while asking, and the failure says nothing about the task.
        this.backOff(task, false, 2);
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
        this.backOff(task, changed);
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
      watchers.forEach((task) => this.backOff(task, false, 2));
      return;
    }
    for (const task of watchers) {
      if (this.tracked.has(task.key)) this.judgeFromGroup(task, group);
    }
  }

  /** Decides from the group alone whether a task is done, failed or still running. */
  private judgeFromGroup(task: TrackedTask, group: ReadOnlyGroup | undefined): void {
    if (group === undefined) {
      this.finish(task, { result: 'failed' });
      return;
    }
    const now = this.deps.clock.now();
    const groupBusy = isTransitionalGroupStatus(group.status);
    const network =
      task.kind === 'addNetwork'
        ? findCreatedNetwork(group, task, task.ipsBefore)
        : task.vip !== undefined
          ? findNetwork(group, task.vpcId, task.subnetId, task.vip)
          : undefined;
    const networkBusy = network !== undefined && isTransitionalNetworkStatus(network.status);
    const done =
      task.kind === 'addNetwork'
        ? network?.status === 'opened' && !groupBusy
        : (network === undefined || network.status === 'closed') && !groupBusy;
    if (done) {
      this.finish(task, { result: 'succeeded', network: task.kind === 'addNetwork' ? network : undefined });
      return;
    }
    const inFlight = groupBusy || networkBusy || (task.kind === 'addNetwork' && network !== undefined);
    if (!inFlight && (task.sawActivity || now - task.startedAt >= GROUP_WATCH_GRACE_MS)) {
      // The group is idle again and the change is not there: the task ended without doing it.
      this.finish(task, { result: 'failed' });
      return;
    }
    const step = network?.status ?? (groupBusy ? group.status : undefined);
    const changed = task.step !== step || (inFlight && !task.sawActivity);
    task.step = step;
    if (inFlight && !task.sawActivity) {
      task.sawActivity = true;
      void this.persist();
    }
    this.backOff(task, changed);
    if (changed) this.changed();
  }

  private switchToGroupWatch(task: TrackedTask): void {
    task.source = 'group';
    task.progress = undefined;
    const poll = this.polls.get(task.key);
    if (poll) poll.nextPollAt = this.deps.clock.now();
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

  /** Next poll after the current interval; the interval grows while nothing changes, and resets on a change. */
  private backOff(task: TrackedTask, changed: boolean, extraFactor = 1): void {
    const poll = this.polls.get(task.key);
    if (!poll) return;
    poll.quietPolls = changed ? 0 : poll.quietPolls + 1;
    poll.lastHeardAt = this.deps.clock.now();
    const base = this.deps.timing.pollIntervalMs();
    const interval = Math.min(base * BACKOFF_FACTOR ** poll.quietPolls * extraFactor, Math.max(MAX_POLL_INTERVAL_MS, base));
    poll.nextPollAt = this.deps.clock.now() + interval;
  }

  /** A poll of these tasks is under way: a task back from waiting for its profile may now end as timed out. */
  private pollTried(tasks: readonly TrackedTask[]): void {
    for (const task of tasks) {
      const poll = this.polls.get(task.key);
      if (poll) poll.owesPollAfterWait = false;
    }
  }

  private deferTo(task: TrackedTask, at: number): void {
    const poll = this.polls.get(task.key);
    if (poll) poll.nextPollAt = Math.max(poll.nextPollAt, at);
  }

  private schedule(): void {
    if (this.disposed || this.ticking) return;
    let earliest: number | undefined;
    for (const [key, poll] of this.polls) {
      const task = this.tracked.get(key);
      // A waiting task needs no timer: activeProfileChanged() wakes the loop when its profile returns.
      if (!task || this.waitingForProfile(task) !== undefined) continue;
      const deadline = poll.owesPollAfterWait ? Infinity : task.startedAt + this.deps.timing.timeoutMs();
      const at = Math.min(poll.nextPollAt, deadline);
      if (earliest === undefined || at < earliest) earliest = at;
    }
    if (earliest === undefined) {
      this.cancelTimer();
      return;
    }
    if (this.timerDueAt !== undefined && this.timerDueAt <= earliest) return;
    this.cancelTimer();
    this.timerDueAt = earliest;
    const delay = Math.max(0, earliest - this.deps.clock.now());
    this.timer = this.deps.scheduler.setTimeout(() => void this.tick(), delay);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.deps.scheduler.clearTimeout(this.timer);
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
