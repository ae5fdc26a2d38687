import * as assert from 'node:assert/strict';
import type { TaskStatus } from '../../../src/domain/model';
import type { TaskStore } from '../../../src/tasks/taskTracker';
import { TASK_LISTING_PAGE_SIZE } from '../../../src/tasks/regionListing';
import { DESCRIBE_TASKS_PER_SECOND, GROUP_WATCH_GRACE_MS, TASK_LISTING_MARGIN_MS, TASK_LISTING_PAUSE_MS } from '../../../src/tasks/taskPoller';
import { TaskTracker } from '../../../src/tasks/taskTracker';
import type { SentWith, TaskClientFactory } from '../../../src/tasks/elsewherePollers';
import type { TaskOutcome, TrackedTask } from '../../../src/tasks/trackedTask';
import { cloudError, FakeCloudApi, group, network } from '../support/fakes';
import { FakeClock } from '../support/fakeClock';
import { newTask, groupRef } from './taskFixtures';
import { loggerInto } from '../../support/recordingLogger';

class MemoryStore implements TaskStore {
  saved: TrackedTask[] = [];
  load(): TrackedTask[] {
    return JSON.parse(JSON.stringify(this.saved)) as TrackedTask[];
  }
  async save(tasks: readonly TrackedTask[]): Promise<void> {
    this.saved = JSON.parse(JSON.stringify(tasks)) as TrackedTask[];
  }
}

const POLL_MS = 2000;
const TIMEOUT_MS = 30 * 60_000;

function setUp(api = new FakeCloudApi(), store = new MemoryStore(), activeProfileId?: () => string | undefined, activeConnection?: () => string | undefined, clientFor?: TaskClientFactory) {
  const time = new FakeClock();
  const logged: string[] = [];
  const tracker = new TaskTracker({
    api,
    clock: time,
    store,
    timing: { pollIntervalMs: () => POLL_MS, timeoutMs: () => TIMEOUT_MS },
    activeProfileId,
    activeConnection,
    clientFor,
    log: loggerInto(logged),
  });
  const outcomes: TaskOutcome[] = [];
  tracker.onDidFinish((outcome) => outcomes.push(outcome));
  return { api, store, time, tracker, outcomes, logged };
}

function status(taskId: number, state: string, progress: number, extra: Partial<TaskStatus> = {}): TaskStatus {
  return { taskId, type: 'ModifyNetwork', instanceId: 'postgres-1', state, progress, currentStep: `step ${progress}`, message: '', startTime: '', endTime: '', ...extra };
}

describe('tasks/TaskTracker', () => {
  it('follows DescribeTasks: progress and step while running, success at the end with the new network', async () => {
    const { api, time, tracker, outcomes } = setUp();
    api.tasks.set(900, status(900, 'Running', 30));
    const changes: Array<number | undefined> = [];
    tracker.onDidChange((tasks) => changes.push(tasks[0]?.progress));
    tracker.start(newTask());
    await time.advance(POLL_MS);
    assert.equal(tracker.tasks()[0].progress, 30);
    assert.equal(tracker.tasks()[0].step, 'step 30');
    api.tasks.set(900, status(900, 'Success', 100));
    api.groups.set('pgrogrp-1', group({ networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7' })] }));
    await time.advance(POLL_MS);
    assert.equal(outcomes.length, 1);
    assert.equal(outcomes[0].result, 'succeeded');
    assert.equal(outcomes[0].network?.ip, '10.0.2.7');
    assert.deepEqual(tracker.tasks(), []);
    assert.ok(changes.includes(30));
    assert.equal(time.pendingTimers(), 0, 'the loop sleeps when nothing is in flight');
  });

  it("reports a failed task with the task's message", async () => {
    const { api, time, tracker, outcomes } = setUp();
    api.tasks.set(900, status(900, 'Fail', 40, { message: 'subnet has no free ip' }));
    tracker.start(newTask());
    await time.advance(POLL_MS);
    assert.deepEqual(outcomes.map((outcome) => [outcome.result, outcome.message]), [['failed', 'subnet has no free ip']]);
  });

  it('backs off while nothing changes, and starts again quickly after a change', async () => {
    const { api, time, tracker } = setUp();
    api.tasks.set(900, status(900, 'Running', 10));
    tracker.start(newTask());
    const pollTimes: number[] = [];
    const original = api.listTasks.bind(api);
    api.listTasks = async (region, query) => {
      pollTimes.push(time.now());
      return original(region, query);
    };
    await time.advance(60_000);
    const gaps = pollTimes.slice(1).map((at, i) => at - pollTimes[i]);
    assert.ok(gaps.length >= 4, `polled ${pollTimes.length} times`);
    for (let i = 1; i < gaps.length; i++) assert.ok(gaps[i] >= gaps[i - 1], `gaps grow: ${gaps.join(', ')}`);
    assert.ok(gaps[gaps.length - 1] > gaps[0] * 2, `gaps grow: ${gaps.join(', ')}`);
    assert.ok(pollTimes.length < 60_000 / POLL_MS, 'fewer polls than a fixed interval');
  });

  it('stays within the DescribeTasks rate limit however many tasks run', async () => {
    const { api, time, tracker } = setUp();
    const pollTimes: number[] = [];
    const polled = new Set<number>();
    api.describeTask = async (_region, taskId) => {
      pollTimes.push(time.now());
      polled.add(taskId);
      return status(taskId, 'Running', 50);
    };
    // A listing that shows none of them: every task is then asked for by id.
    api.listTasks = async () => {
      pollTimes.push(time.now());
      return { tasks: [], totalCount: 0 };
    };
    for (let i = 0; i < 100; i++) tracker.start(newTask({ taskId: 1000 + i, owner: groupRef(`g-${i}`) }));
    await time.advance(30_000);
    assert.equal(polled.size, 100, `every task was polled (${pollTimes.length} polls)`);
    for (const at of pollTimes) {
      const inWindow = pollTimes.filter((other) => other > at - 1000 && other <= at).length;
      assert.ok(inWindow <= DESCRIBE_TASKS_PER_SECOND, `${inWindow} DescribeTasks calls within one second`);
    }
  });

  it('asks DescribeTasks once per region for all its tasks, from before the oldest, and matches the answer by id', async () => {
    const { api, time, tracker, outcomes } = setUp();
    const started = time.now();
    for (let i = 0; i < 50; i++) {
      api.tasks.set(1000 + i, status(1000 + i, 'Running', 20));
      tracker.start(newTask({ taskId: 1000 + i, owner: groupRef(`g-${i}`) }));
      await time.advance(10);
    }
    api.tasks.set(2000, status(2000, 'Running', 60));
    tracker.start(newTask({ taskId: 2000, region: 'ap-shanghai', owner: groupRef('g-sh') }));
    api.tasks.set(3000, status(3000, 'Running', 99)); // another tool's task, in the listing too
    await time.advance(POLL_MS);
    const listings = api.callsOf('listTasks');
    assert.deepEqual(listings.map((call) => call.args[0]).sort(), ['ap-guangzhou', 'ap-shanghai']);
    const guangzhou = listings.find((call) => call.args[0] === 'ap-guangzhou')?.args[1];
    assert.deepEqual(guangzhou, { since: started - TASK_LISTING_MARGIN_MS, offset: 0, limit: TASK_LISTING_PAGE_SIZE });
    assert.equal(api.callsOf('describeTask').length, 0);
    assert.equal(tracker.tasks().length, 51);
    assert.ok(tracker.tasks().every((task) => task.progress === (task.region === 'ap-shanghai' ? 60 : 20)));

    for (let i = 0; i < 50; i++) api.tasks.set(1000 + i, status(1000 + i, 'Success', 100));
    api.tasks.set(2000, status(2000, 'Fail', 60, { message: 'no free ip' }));
    await time.advance(POLL_MS);
    assert.equal(outcomes.filter((outcome) => outcome.result === 'succeeded').length, 50);
    assert.deepEqual(outcomes.filter((outcome) => outcome.result === 'failed').map((outcome) => outcome.message), ['no free ip']);
    assert.equal(api.callsOf('listTasks').length, 4, 'two polls of two regions');
    assert.equal(api.callsOf('describeTask').length, 0);
  });

  it('pages through a busy region by offset until it finds the tasks it tracks', async () => {
    const { api, time, tracker } = setUp();
    for (let i = 0; i < 250; i++) api.tasks.set(5000 + i, status(5000 + i, 'Running', 1)); // newer tasks of others
    api.tasks.set(900, status(900, 'Running', 45));
    tracker.start(newTask());
    await time.advance(POLL_MS);
    assert.deepEqual(api.callsOf('listTasks').map((call) => (call.args[1] as { offset: number }).offset), [0, 100, 200]);
    assert.equal(tracker.tasks()[0].progress, 45);
    assert.equal(api.callsOf('describeTask').length, 0);
  });

  it('asks by id for a task the listing leaves out, and stops listing a region whose listing misses tasks', async () => {
    const { api, time, tracker } = setUp();
    api.listTasks = async (region, query) => {
      api.calls.push({ method: 'listTasks', args: [region, query] });
      return { tasks: [], totalCount: 0 };
    };
    api.tasks.set(900, status(900, 'Running', 30));
    tracker.start(newTask());
    await time.advance(POLL_MS);
    assert.equal(api.callsOf('listTasks').length, 1);
    assert.equal(api.callsOf('describeTask').length, 1);
    assert.equal(tracker.tasks()[0].progress, 30);
    assert.equal(tracker.tasks()[0].source, 'task');
    await time.advance(TASK_LISTING_PAUSE_MS - POLL_MS * 2);
    assert.equal(api.callsOf('listTasks').length, 1, 'asked by id while the listing is paused');
    assert.ok(api.callsOf('describeTask').length > 3);
    await time.advance(60_000);
    assert.ok(api.callsOf('listTasks').length > 1, 'the listing is tried again after the pause');
  });

  it('asks by id when listing fails, and backs off without asking by id when listing is throttled', async () => {
    const failing = setUp();
    failing.api.listTasks = async () => {
      throw cloudError('UnsupportedOperation');
    };
    failing.api.tasks.set(900, status(900, 'Success', 100));
    failing.tracker.start(newTask());
    await failing.time.advance(POLL_MS);
    assert.deepEqual(failing.outcomes.map((outcome) => outcome.result), ['succeeded']);
    assert.equal(failing.api.callsOf('describeTask').length, 1);

    const throttled = setUp();
    let listings = 0;
    throttled.api.listTasks = async () => {
      listings++;
      throw cloudError('RequestLimitExceeded', { kind: 'throttled', retryable: true });
    };
    throttled.tracker.start(newTask());
    await throttled.time.advance(20_000);
    assert.equal(throttled.api.callsOf('describeTask').length, 0);
    assert.equal(throttled.tracker.tasks()[0].source, 'task');
    assert.ok(listings <= 4, `${listings} listings in 20 s while throttled`);
  });

  it('when DescribeTasks does not know the task, finishes by watching the group: opening, then opened and ok', async () => {
    const { api, time, tracker, outcomes } = setUp();
    api.groups.set('pgrogrp-1', group({ status: 'modifying', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'opening' })] }));
    tracker.start(newTask());
    await time.advance(POLL_MS);
    assert.equal(tracker.tasks()[0].source, 'group');
    assert.equal(tracker.tasks()[0].step, 'opening');
    assert.equal(outcomes.length, 0);
    api.groups.set('pgrogrp-1', group({ status: 'ok', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'opened' })] }));
    await time.advance(10_000);
    assert.deepEqual(outcomes.map((outcome) => [outcome.result, outcome.network?.ip]), [['succeeded', '10.0.2.7']]);
  });

  it('falls back to the group when DescribeTasks fails, and one read serves every task of a group', async () => {
    const { api, time, tracker, outcomes } = setUp();
    api.describeTask = async () => {
      throw cloudError('UnsupportedOperation');
    };
    api.groups.set('pgrogrp-1', group({ status: 'modifying' }));
    tracker.start(newTask());
    tracker.start(newTask({ taskId: 901, kind: 'removeNetwork', vip: '10.0.1.4' }));
    await time.advance(POLL_MS + 1);
    await time.advance(POLL_MS * 2);
    const reads = api.callsOf('getReadOnlyGroup').length;
    assert.ok(reads >= 1);
    assert.ok(reads <= 3, `one read per tick for both tasks, got ${reads}`);
    assert.equal(outcomes.length, 0);
  });

  it('a group back to ok without the network means the create failed', async () => {
    const { api, time, tracker, outcomes } = setUp();
    api.tasks.clear();
    api.groups.set('pgrogrp-1', group({ status: 'modifying' }));
    tracker.start(newTask({ taskId: undefined }));
    await time.advance(POLL_MS);
    api.groups.set('pgrogrp-1', group());
    await time.advance(20_000);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['failed']);
  });

  it('waits a grace period before judging an idle group it never saw busy', async () => {
    const { time, tracker, outcomes } = setUp();
    tracker.start(newTask({ taskId: undefined }));
    await time.advance(GROUP_WATCH_GRACE_MS - 10_000);
    assert.equal(outcomes.length, 0);
    await time.advance(40_000);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['failed']);
  });

  it('a removal ends when the network is gone and the group is ok', async () => {
    const { api, time, tracker, outcomes } = setUp();
    api.groups.set('pgrogrp-1', group({ status: 'modifying', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'closing' })] }));
    tracker.start(newTask({ kind: 'removeNetwork', taskId: undefined, vip: '10.0.2.7' }));
    await time.advance(POLL_MS);
    assert.equal(outcomes.length, 0);
    api.groups.set('pgrogrp-1', group());
    await time.advance(10_000);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['succeeded']);
  });

  it('ends a task that outlives the limit as timed out', async () => {
    const { api, time, tracker, outcomes } = setUp();
    api.tasks.set(900, status(900, 'Running', 5));
    tracker.start(newTask());
    await time.advance(TIMEOUT_MS + 1000);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['timedOut']);
    assert.equal(time.pendingTimers(), 0);
  });

  it('neither ends nor stalls a task when the system clock jumps, forwards or backwards', async () => {
    for (const jump of [TIMEOUT_MS * 2, -TIMEOUT_MS * 2]) {
      const { api, time, tracker, outcomes } = setUp();
      api.tasks.set(900, status(900, 'Running', 5));
      tracker.start(newTask());
      await time.advance(POLL_MS);
      const callsBefore = api.calls.length;
      time.jumpWallClock(jump);
      await time.advance(POLL_MS * 2);
      assert.equal(outcomes.length, 0, `a jump of ${jump} ms ended the task`);
      assert.ok(api.calls.length > callsBefore, `a jump of ${jump} ms stalled polling`);
      api.tasks.set(900, status(900, 'Success', 100));
      await time.advance(60_000);
      assert.deepEqual(outcomes.map((outcome) => outcome.result), ['succeeded']);
    }
  });

  it('polls a resumed task before judging it, and counts only the time it was watched', async () => {
    const api = new FakeCloudApi();
    const store = new MemoryStore();
    const first = setUp(api, store);
    api.tasks.set(900, status(900, 'Running', 20));
    first.tracker.start(newTask());
    await first.time.advance(TIMEOUT_MS - 60_000);
    first.tracker.dispose();
    assert.ok((store.saved[0].watchedMs ?? 0) >= TIMEOUT_MS - 60_000 - POLL_MS * 20, 'the watched time is saved with the task');

    // The window stayed closed for a day: that time is not counted, and the task is asked about first.
    const second = setUp(api, store);
    second.time.jumpWallClock(24 * 60 * 60_000);
    second.tracker.resume();
    await second.time.advance(1);
    assert.ok(api.calls.length > 0);
    assert.equal(second.outcomes.length, 0, 'judged before it was polled');
    await second.time.advance(120_000);
    assert.deepEqual(second.outcomes.map((outcome) => outcome.result), ['timedOut'], 'the watched time of both windows adds up');
  });

  it('persists tasks in flight, and a new tracker resumes them', async () => {
    const api = new FakeCloudApi();
    const store = new MemoryStore();
    const first = setUp(api, store);
    api.tasks.set(900, status(900, 'Running', 20));
    first.tracker.start(newTask());
    await first.time.advance(POLL_MS);
    first.tracker.dispose();
    assert.equal(store.saved.length, 1);

    const second = setUp(api, store);
    second.tracker.resume();
    assert.equal(second.tracker.tasks().length, 1);
    assert.deepEqual([...second.tracker.busyOwnerIds()], ['pgrogrp-1']);
    api.tasks.set(900, status(900, 'Success', 100));
    await second.time.advance(1);
    assert.deepEqual(second.outcomes.map((outcome) => outcome.result), ['succeeded']);
    assert.deepEqual(store.saved, []);
  });

  it('backs off harder when throttled, without giving up on DescribeTasks', async () => {
    const { api, time, tracker } = setUp();
    let calls = 0;
    api.describeTask = async () => {
      calls++;
      throw cloudError('RequestLimitExceeded', { kind: 'throttled', retryable: true });
    };
    tracker.start(newTask());
    await time.advance(20_000);
    assert.equal(tracker.tasks()[0].source, 'task');
    assert.ok(calls <= 4, `${calls} calls in 20 s while throttled`);
  });
});

describe('tasks/TaskTracker with several profiles', () => {
  function withProfiles(initial: string | undefined) {
    const profile = { active: initial };
    const context = setUp(new FakeCloudApi(), new MemoryStore(), () => profile.active);
    const switchTo = (id: string | undefined): void => {
      profile.active = id;
      context.tracker.activeProfileChanged();
    };
    return { ...context, switchTo };
  }

  it("leaves another profile's task alone: not polled, not timed out, no timer", async () => {
    const { api, time, tracker, outcomes, switchTo } = withProfiles('work');
    api.tasks.set(900, status(900, 'Running', 10));
    tracker.start(newTask({ profileId: 'work' }));
    const changes: number[] = [];
    tracker.onDidChange((tasks) => changes.push(tasks.length));
    switchTo('personal');
    assert.deepEqual(changes, [1], 'the switch is shown at once');
    assert.deepEqual(tracker.waitingFor(tracker.tasks()[0]), { profileId: 'work' });
    await time.advance(TIMEOUT_MS * 2);
    assert.equal(api.calls.length, 0, `polled through another profile: ${api.calls.map((call) => call.method).join(', ')}`);
    assert.deepEqual(outcomes, []);
    assert.equal(tracker.tasks().length, 1);
    assert.equal(time.pendingTimers(), 0, 'nothing to do until the profile returns');
    switchTo(undefined);
    await time.advance(POLL_MS);
    assert.equal(api.calls.length, 0, 'signed out: still waiting');
  });

  it('resumes a waiting task when its profile is active again, and reports how it ended', async () => {
    const { api, time, tracker, outcomes, switchTo } = withProfiles('work');
    api.tasks.set(900, status(900, 'Running', 10));
    tracker.start(newTask({ profileId: 'work' }));
    switchTo('personal');
    await time.advance(TIMEOUT_MS + 60_000);
    api.tasks.set(900, status(900, 'Success', 100));
    api.groups.set('pgrogrp-1', group({ networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7' })] }));
    switchTo('work');
    assert.equal(tracker.waitingFor(tracker.tasks()[0]), undefined);
    await time.advance(1);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['succeeded'], 'finished while waiting: success, not a timeout');
    assert.equal(outcomes[0].network?.ip, '10.0.2.7');
  });

  it('counts only the time a task was watched: waiting for its profile does not time it out', async () => {
    const { api, time, tracker, outcomes, switchTo } = withProfiles('work');
    api.tasks.set(900, status(900, 'Running', 10));
    tracker.start(newTask({ profileId: 'work' }));
    switchTo('personal');
    await time.advance(TIMEOUT_MS + 60_000);
    const callsBefore = api.calls.length;
    switchTo('work');
    await time.advance(1);
    assert.ok(api.calls.length > callsBefore, 'asked about the task as soon as its profile was back');
    assert.equal(outcomes.length, 0, 'the time spent waiting for its profile was not counted');
    await time.advance(TIMEOUT_MS);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['timedOut']);
    assert.equal(time.pendingTimers(), 0);
  });

  it("polls only the active profile's tasks in a region, and keeps the others' progress", async () => {
    const { api, time, tracker, switchTo } = withProfiles('work');
    api.tasks.set(900, status(900, 'Running', 10));
    api.tasks.set(901, status(901, 'Running', 20));
    tracker.start(newTask({ profileId: 'work' }));
    switchTo('personal');
    tracker.start(newTask({ profileId: 'personal', taskId: 901, owner: groupRef('pgrogrp-2') }));
    await time.advance(POLL_MS);
    const progress = new Map(tracker.tasks().map((task) => [task.taskId, task.progress]));
    assert.equal(progress.get(901), 20);
    assert.equal(progress.get(900), undefined, "the other profile's task was not touched");
  });

  it('does not take a call failing during a profile switch for news about the task', async () => {
    const { api, time, tracker, outcomes, switchTo } = withProfiles('work');
    api.listTasks = async () => ({ totalCount: 0, tasks: [] });
    api.describeTask = async () => {
      switchTo('personal'); // the old client is disposed under the call
      throw cloudError('ClientError.Disposed');
    };
    tracker.start(newTask({ profileId: 'work' }));
    await time.advance(POLL_MS);
    assert.equal(tracker.tasks()[0].source, 'task', 'still asked for through DescribeTasks');
    assert.equal(outcomes.length, 0);
    api.describeTask = async () => status(900, 'Success', 100);
    switchTo('work');
    await time.advance(1);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['succeeded']);
  });

  it('polls tasks without a profile (persisted by an older version) whatever profile is active', async () => {
    const { api, time, tracker, outcomes } = withProfiles('personal');
    api.tasks.set(900, status(900, 'Success', 100));
    tracker.start(newTask());
    assert.equal(tracker.waitingFor(tracker.tasks()[0]), undefined);
    await time.advance(POLL_MS);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['succeeded']);
  });

  it("stops following a signed-out profile's tasks, without reporting an outcome for them", async () => {
    const { api, store, time, tracker, outcomes, logged, switchTo } = withProfiles('work');
    api.tasks.set(900, status(900, 'Running', 10));
    api.tasks.set(901, status(901, 'Running', 20));
    tracker.start(newTask({ profileId: 'work' }));
    switchTo('personal');
    tracker.start(newTask({ profileId: 'personal', taskId: 901, owner: groupRef('pgrogrp-2') }));
    const shown: number[] = [];
    tracker.onDidChange((tasks) => shown.push(tasks.length));
    tracker.forgetProfile('work');
    assert.deepEqual(tracker.tasks().map((task) => task.taskId), [901]);
    assert.deepEqual(shown, [1], 'the status bar and the task list are told at once');
    await time.advance(0);
    assert.deepEqual(store.saved.map((task) => task.taskId), [901], 'not resumed by the next window');
    assert.deepEqual(logged.filter((line) => line.includes('signed out')), ['profile work signed out: stopped following 1 task(s)']);
    api.tasks.set(900, status(900, 'Fail', 10));
    api.tasks.set(901, status(901, 'Success', 100));
    switchTo('work'); // the same name signed in again does not bring the task back
    await time.advance(TIMEOUT_MS * 2);
    assert.equal(outcomes.length, 0, 'nothing reported for the forgotten task, even past its timeout');
    assert.equal(api.calls.some((call) => call.args.includes(900)), false, 'the forgotten task was not asked about');
    switchTo('personal');
    await time.advance(1);
    assert.deepEqual(outcomes.map((outcome) => [outcome.task.taskId, outcome.result]), [[901, 'succeeded']], "the other profile's task is still followed");
  });

  it('drops a task signed out while its poll is in flight, and ignores the answer', async () => {
    const { api, time, tracker, outcomes, switchTo } = withProfiles('work');
    let answer: (status: TaskStatus) => void = () => undefined;
    api.listTasks = async () => ({ totalCount: 0, tasks: [] });
    api.describeTask = () => new Promise<TaskStatus>((resolve) => (answer = resolve));
    tracker.start(newTask({ profileId: 'work' }));
    await time.advance(POLL_MS);
    switchTo(undefined);
    tracker.forgetProfile('work');
    answer(status(900, 'Fail', 10));
    await time.advance(TIMEOUT_MS * 2);
    assert.deepEqual(outcomes, []);
    assert.deepEqual(tracker.tasks(), []);
    assert.equal(time.pendingTimers(), 0);
  });

  it("persists a task's profile, and a new tracker resumes it only under that profile", async () => {
    const api = new FakeCloudApi();
    const store = new MemoryStore();
    const first = setUp(api, store, () => 'work');
    api.tasks.set(900, status(900, 'Running', 20));
    first.tracker.start(newTask({ profileId: 'work' }));
    first.tracker.dispose();
    assert.equal(store.saved[0].profileId, 'work');

    const profile: { active?: string } = {};
    const second = setUp(api, store, () => profile.active);
    second.tracker.resume();
    await second.time.advance(POLL_MS);
    assert.equal(api.calls.length, 0, 'no profile active yet (credentials still loading)');
    api.tasks.set(900, status(900, 'Success', 100));
    profile.active = 'work';
    second.tracker.activeProfileChanged();
    await second.time.advance(1);
    assert.deepEqual(second.outcomes.map((outcome) => outcome.result), ['succeeded']);
  });
});

describe('tasks/TaskTracker when the endpoint or site changes under a task', () => {
  it('waits while the client points elsewhere, reports nothing, and finishes the task where it was sent', async () => {
    const where = { now: 'intl https://postgres.example' };
    const api = new FakeCloudApi();
    const { time, tracker, outcomes } = setUp(api, new MemoryStore(), () => 'work', () => where.now);
    api.tasks.set(900, status(900, 'Running', 10));
    tracker.start(newTask({ profileId: 'work', connection: 'intl https://postgres.example' }));
    await time.advance(POLL_MS);
    const polled = api.calls.length;
    assert.ok(polled > 0, 'polled where it was sent');

    // The endpoint setting changes: the new client would not know the task (and would call it failed).
    where.now = 'intl http://127.0.0.1:9';
    tracker.activeProfileChanged();
    assert.deepEqual(tracker.waitingFor(tracker.tasks()[0]), { connection: 'intl https://postgres.example' });
    await time.advance(TIMEOUT_MS * 2);
    assert.equal(api.calls.length, polled, 'not asked through a client that points elsewhere');
    assert.equal(outcomes.length, 0, 'neither failed nor timed out while it waits');

    where.now = 'intl https://postgres.example';
    tracker.activeProfileChanged();
    api.tasks.set(900, status(900, 'Success', 100));
    await time.advance(POLL_MS);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['succeeded']);
  });

  it('polls a task sent elsewhere through a client for its own profile and endpoint until it ends, then releases it', async () => {
    const where = { now: 'intl https://postgres.example', profile: 'work' };
    const current = new FakeCloudApi();
    const clients: { sentWith: SentWith; api: FakeCloudApi; released: boolean }[] = [];
    const clientFor: TaskClientFactory = (sentWith) => {
      const client = { sentWith, api: new FakeCloudApi(), released: false };
      clients.push(client);
      return { api: client.api, release: () => { client.released = true; } };
    };
    const { time, tracker, outcomes } = setUp(current, new MemoryStore(), () => where.profile, () => where.now, clientFor);
    tracker.start(newTask({ profileId: 'work', connection: 'intl https://postgres.example' }));
    current.tasks.set(900, status(900, 'Running', 10));
    await time.advance(POLL_MS);
    assert.equal(clients.length, 0, 'a task sent through the current client needs no other');

    // The endpoint setting changes, then the profile: the task is still asked about where it was sent, by its account.
    where.now = 'intl http://127.0.0.1:9';
    where.profile = 'home';
    tracker.activeProfileChanged();
    const before = current.calls.length;
    assert.equal(tracker.waitingFor(tracker.tasks()[0]), undefined, 'it does not wait');
    assert.deepEqual(clients.map((client) => client.sentWith), [{ profileId: 'work', connection: 'intl https://postgres.example' }]);
    const [own] = clients;
    own.api.tasks.set(900, status(900, 'Running', 60));
    await time.advance(POLL_MS * 4);
    assert.ok(own.api.callsOf('describeTask').length + own.api.callsOf('listTasks').length > 0, `asked through its own client: ${own.api.calls.map((call) => call.method).join(', ')}`);
    assert.equal(current.calls.length, before, 'never through the client that points elsewhere');
    assert.equal(outcomes.length, 0);

    own.api.tasks.set(900, status(900, 'Success', 100));
    await time.advance(POLL_MS * 8);
    assert.deepEqual(outcomes.map((outcome) => outcome.result), ['succeeded']);
    assert.equal(own.released, true, 'its client is released once no task needs it');
    assert.equal(clients.length, 1, 'one client for the tasks sent that way');
  });

  it('waits, as without the factory, when no client can be built for where a task was sent', async () => {
    const where = { now: 'intl http://127.0.0.1:9' };
    const current = new FakeCloudApi();
    const { time, tracker, outcomes } = setUp(current, new MemoryStore(), () => 'work', () => where.now, () => undefined);
    tracker.start(newTask({ profileId: 'work', connection: 'intl https://postgres.example' }));
    assert.deepEqual(tracker.waitingFor(tracker.tasks()[0]), { connection: 'intl https://postgres.example' });
    await time.advance(TIMEOUT_MS * 2);
    assert.equal(current.calls.length, 0);
    assert.equal(outcomes.length, 0);
  });
});
