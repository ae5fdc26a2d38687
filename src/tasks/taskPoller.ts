import type { CloudApi } from '../cloud/cloudApi';
import { isCloudError } from '../cloud/cloudError';
import type { Clock } from '../domain/clock';
import { judgeChange } from '../domain/changeJudgement';
import type { GroupNetwork, TaskStatus } from '../domain/model';
import { findCreatedNetwork } from '../domain/networkMatch';
import type { NetworkOwner } from '../domain/networkOwner';
import { ownerNetworks } from '../domain/networkOwner';
import type { OwnerReadApi } from './ownerRead';
import { readOwner } from './ownerRead';
import type { PollBook } from './pollBook';
import { SlidingWindowLimiter } from '../cloud/rateLimiter';
import type { RegionListing } from './regionListing';
import { listRegionTasks } from './regionListing';
import type { TaskOutcome, TrackedTask } from './trackedTask';

export type TrackerApi = Pick<CloudApi, 'describeTask' | 'listTasks'> & OwnerReadApi;

/** DescribeTasks allows 20 requests per second per account; half of it leaves room for other tools and windows. */
export const DESCRIBE_TASKS_PER_SECOND = 10;
/**
 * A region's tasks are listed from this long before the oldest one tracked: the local clock may run ahead of the
 * API's, and a task the listing misses is still asked for by id.
 */
export const TASK_LISTING_MARGIN_MS = 10 * 60_000;
/** After a listing fails, or misses tasks DescribeTasks knows by id, the region's tasks are asked for by id this long. */
export const TASK_LISTING_PAUSE_MS = 5 * 60_000;
/** DescribeReadOnlyGroups allows 1000 per second; the watch needs few. */
const READ_GROUPS_PER_SECOND = 20;
/**
 * While watching the group, a group that is `ok` without the change is taken as "not started yet" for this long,
 * then as "failed": the API may take a moment before it shows the group busy.
 */
export const GROUP_WATCH_GRACE_MS = 120_000;

/** What the poller needs of the tracker that owns the tasks. */
export interface PollerHost {
  readonly api: TrackerApi;
  readonly clock: Clock;
  readonly polls: PollBook;
  tracked(): Iterable<TrackedTask>;
  isTracked(key: string): boolean;
  /** The task waits for its profile, or for the site and endpoint it was sent to: it is not polled. */
  isWaiting(task: TrackedTask): boolean;
  timeoutMs(): number;
  finish(task: TrackedTask, outcome: Omit<TaskOutcome, 'task' | 'finishedAt'>): void;
  changed(): void;
  persist(): void;
  log(message: string): void;
}

/**
 * One pass of polling: DescribeTasks once per region for every task in flight there (listed by start time,
 * matched by id); a task the listing does not show is asked for by id, then watched through its group.
 */
export class TaskPoller {
  private readonly describeLimiter: SlidingWindowLimiter;
  private readonly groupLimiter: SlidingWindowLimiter;
  /** Regions whose tasks are asked for by id until then (monotonic ms). */
  private readonly listingPausedUntil = new Map<string, number>();

  constructor(private readonly host: PollerHost) {
    this.describeLimiter = new SlidingWindowLimiter(DESCRIBE_TASKS_PER_SECOND, 1000, host.clock);
    this.groupLimiter = new SlidingWindowLimiter(READ_GROUPS_PER_SECOND, 1000, host.clock);
  }

  /** Polls the tasks that are due, within the rate limits; ends those past their watched-time limit. */
  async pollDueTasks(): Promise<void> {
    const now = this.host.clock.monotonic();
    const timeoutMs = this.host.timeoutMs();
    const due: TrackedTask[] = [];
    for (const task of this.host.tracked()) {
      if (this.host.isWaiting(task)) {
        // Another account's task ids mean nothing to this profile's API: left alone until its profile returns.
        this.host.polls.pause(task);
      } else if (this.host.polls.watchedMs(task) >= timeoutMs && !this.host.polls.owesPoll(task.key)) {
        this.host.finish(task, { result: 'timedOut' });
      } else if (this.host.polls.isDue(task.key, now)) {
        due.push(task);
      }
    }
    due.sort((a, b) => this.host.polls.compare(a, b));

    const work: Promise<void>[] = [];
    const groupWatchers = new Map<string, TrackedTask[]>();
    const listedRegions = new Map<string, TrackedTask[]>();
    for (const task of due) {
      if (task.source === 'task' && task.taskId !== undefined) {
        if ((this.listingPausedUntil.get(task.region) ?? 0) <= now) {
          appendTo(listedRegions, task.region, task);
        } else if (this.describeLimiter.tryAcquire()) {
          this.host.polls.polled([task]);
          work.push(this.pollTask(task, task.taskId).then(() => undefined));
        } else {
          this.host.polls.deferTo(task, this.describeLimiter.nextFreeAt());
        }
      } else {
        appendTo(groupWatchers, `${task.region}/${task.owner.id}`, task);
      }
    }
    // One read per group, however many tasks watch it.
    for (const watchers of groupWatchers.values()) {
      if (this.groupLimiter.tryAcquire()) {
        this.host.polls.polled(watchers);
        work.push(this.pollGroup(watchers));
      } else {
        const at = this.groupLimiter.nextFreeAt();
        watchers.forEach((task) => this.host.polls.deferTo(task, at));
      }
    }
    for (const [region, tasks] of listedRegions) {
      if (this.describeLimiter.tryAcquire()) {
        this.host.polls.polled(tasks);
        work.push(this.pollRegion(region, tasks));
      } else {
        const at = this.describeLimiter.nextFreeAt();
        tasks.forEach((task) => this.host.polls.deferTo(task, at));
      }
    }
    await Promise.all(work);
  }

  /**
   * One listing of the region's tasks answers for every task tracked there (due or not); the due tasks it does
   * not show are asked for by id. The caller has taken the rate slot of the first page.
   */
  private async pollRegion(region: string, due: readonly TrackedTask[]): Promise<void> {
    const inRegion = [...this.host.tracked()].filter(
      (task) => task.region === region && task.source === 'task' && task.taskId !== undefined && !this.host.isWaiting(task),
    );
    const since = Math.min(...inRegion.map((task) => task.startedAt)) - TASK_LISTING_MARGIN_MS;
    let listing: RegionListing;
    try {
      listing = await listRegionTasks(this.host.api, {
        region,
        since,
        tracked: new Set(inRegion.map((task) => task.taskId)),
        wanted: new Set(due.map((task) => task.taskId)),
        takeSlot: () => this.describeLimiter.tryAcquire(),
      });
    } catch (error) {
      // Throttled; or the profile changed while listing, and the failure says nothing about the region's listing.
      if ((isCloudError(error) && error.kind === 'throttled') || due.some((task) => this.host.isWaiting(task))) {
        due.forEach((task) => this.host.polls.backOff(task, false, 2));
        return;
      }
      this.pauseListing(region, `listing the tasks of ${region} failed (${describeFailure(error)})`);
      listing = { found: new Map(), complete: false, outOfBudget: false };
    }

    const work: Promise<void>[] = [];
    const notListed: TrackedTask[] = [];
    for (const task of inRegion) {
      if (!this.host.isTracked(task.key) || task.source !== 'task' || task.taskId === undefined || this.host.isWaiting(task)) continue;
      const status = listing.found.get(task.taskId);
      if (status) work.push(this.applyStatus(task, status));
      else if (due.includes(task)) notListed.push(task);
    }
    for (const task of notListed) {
      if (listing.outOfBudget || !this.describeLimiter.tryAcquire()) {
        this.host.polls.deferTo(task, this.describeLimiter.nextFreeAt());
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
    this.host.log(`${reason}: asking for each task by id for a while`);
    this.listingPausedUntil.set(region, this.host.clock.monotonic() + TASK_LISTING_PAUSE_MS);
  }

  /** Asks DescribeTasks for one task by id; resolves true when the API knew it. */
  private async pollTask(task: TrackedTask, taskId: number): Promise<boolean> {
    let status: TaskStatus | undefined;
    try {
      status = await this.host.api.describeTask(task.region, taskId);
    } catch (error) {
      if ((isCloudError(error) && error.kind === 'throttled') || this.host.isWaiting(task)) {
        // Throttled; or the profile changed while asking, and the failure says nothing about the task.
        this.host.polls.backOff(task, false, 2);
        return false;
      }
      this.host.log(`DescribeTasks failed for task ${taskId} (${describeFailure(error)}): watching ${task.owner.id} instead`);
      this.switchToGroupWatch(task);
      return false;
    }
    if (!this.host.isTracked(task.key)) return status !== undefined;
    if (status === undefined && !this.host.isWaiting(task)) {
      this.host.log(`DescribeTasks does not know task ${taskId}: watching ${task.owner.id} instead`);
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
        this.host.finish(task, { result: 'failed', message: status.message || undefined });
        return;
      // Still going (a paused task may resume), and any state a later API version adds: progress, not an end.
      case 'Running':
      case 'WaitSwitch':
      case 'Pause':
      default: {
        const changed = task.progress !== status.progress || task.step !== (status.currentStep || undefined);
        task.progress = clampPercent(status.progress);
        task.step = status.currentStep || undefined;
        task.sawActivity = true;
        this.host.polls.backOff(task, changed);
        if (changed) this.host.changed();
      }
    }
  }

  private async pollGroup(watchers: readonly TrackedTask[]): Promise<void> {
    const first = watchers[0];
    let owner: NetworkOwner | undefined;
    try {
      owner = await readOwner(this.host.api, first.owner);
    } catch (error) {
      this.host.log(`reading ${first.owner.id} failed (${describeFailure(error)}); trying again later`);
      watchers.forEach((task) => this.host.polls.backOff(task, false, 2));
      return;
    }
    for (const task of watchers) {
      if (this.host.isTracked(task.key)) this.judgeFromOwner(task, owner);
    }
  }

  /** Ends the task, or notes its progress, from what its owner (group or primary) shows. */
  private judgeFromOwner(task: TrackedTask, owner: NetworkOwner | undefined): void {
    const mayHaveEnded = task.sawActivity || this.host.polls.watchedMs(task) >= GROUP_WATCH_GRACE_MS;
    const verdict = judgeChange(task, owner, mayHaveEnded);
    if (verdict.state === 'succeeded') {
      this.host.finish(task, { result: 'succeeded', network: verdict.network });
      return;
    }
    if (verdict.state === 'failed') {
      // The owner is gone, or idle again without the change: the task ended without doing it.
      this.host.finish(task, { result: 'failed' });
      return;
    }
    const changed = task.step !== verdict.step || (verdict.inFlight && !task.sawActivity);
    task.step = verdict.step;
    if (verdict.inFlight && !task.sawActivity) {
      task.sawActivity = true;
      this.host.persist();
    }
    this.host.polls.backOff(task, changed);
    if (changed) this.host.changed();
  }

  private switchToGroupWatch(task: TrackedTask): void {
    task.source = 'group';
    task.progress = undefined;
    this.host.polls.pollNow(task);
    this.host.persist();
    this.host.changed();
  }

  /** On success, one read of the owner tells the network as it now is (the VIP of an automatic assignment). */
  private async finishSucceeded(task: TrackedTask): Promise<void> {
    let network: GroupNetwork | undefined;
    if (task.kind === 'addNetwork') {
      try {
        const owner = await readOwner(this.host.api, task.owner);
        network = owner ? findCreatedNetwork(ownerNetworks(owner), task, task.ipsBefore) : undefined;
      } catch {
        network = undefined; // the notification then names the VIP asked for, or none
      }
    }
    this.host.finish(task, { result: 'succeeded', network });
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

export function describeFailure(error: unknown): string {
  if (isCloudError(error)) return `${error.code}${error.requestId ? `, request ${error.requestId}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
