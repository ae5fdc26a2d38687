/**
 * Task tracking: the extension's TaskTracker (src/tasks/taskTracker.ts) with the real clock and timers, following
 * network tasks the emulator runs, one alone and then 50 at once.
 */
import { systemClock } from '../../src/domain/clock';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CloudApi } from '../../src/cloud/cloudApi';
import { TaskTracker, type TaskStore } from '../../src/tasks/taskTracker';
import type { TaskOutcome, TrackedTask } from '../../src/tasks/trackedTask';
import type { WorldDefinition } from '../emulator';
import { startEmulatorProcess, type EmulatorProcess } from './emulatorProcess';
import { countAction, countThrottled, createBenchClient, median, peakRate, percentile, type BenchRow } from './measure';
import { generateWorld } from './worlds';

const LATENCY_MS = 100;
/** The documented limit of DescribeTasks. */
const DESCRIBE_TASKS_LIMIT_PER_SECOND = 20;

/** The default of the `tencentdbPostgres.taskPollIntervalSeconds` setting, read from the manifest. */
function defaultPollIntervalMs(): number {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  const seconds = manifest.contributes.configuration.properties['tencentdbPostgres.taskPollIntervalSeconds']?.default;
  if (typeof seconds !== 'number') throw new Error('package.json has no default for tencentdbPostgres.taskPollIntervalSeconds');
  return seconds * 1000;
}

interface TrackingRun {
  /** Per task: the tracker's report minus the emulator's finish. */
  readonly delaysMs: number[];
  readonly describeTasksPerTask: number;
  readonly peakDescribeTasksPerSecond: number;
  readonly throttledOnWire: number;
  readonly failedOrTimedOut: number;
}

const memoryStore = (): TaskStore => {
  let saved: TrackedTask[] = [];
  return {
    load: () => saved,
    save: (tasks) => {
      saved = [...tasks];
      return Promise.resolve();
    },
  };
};

/** Creates `count` networks (each on its own group), tracks their tasks, and times each report against the task's end. */
async function trackTasks(api: CloudApi, emulator: EmulatorProcess, world: WorldDefinition, count: number, durationMs: number, pollIntervalMs: number): Promise<TrackingRun> {
  await emulator.control({ op: 'setTaskDuration', durationMs });
  const region = world.regions[0];
  const vpc = region.vpcs[0];
  const subnet = vpc.subnets[0];
  const targets = region.primaryInstances.flatMap((primary) => primary.readOnlyGroups.map((group) => ({ primary, group }))).slice(0, count);
  if (targets.length < count) throw new Error(`the world has ${targets.length} groups, ${count} needed`);

  const tracker = new TaskTracker({
    api,
    clock: systemClock,
    store: memoryStore(),
    timing: { pollIntervalMs: () => pollIntervalMs, timeoutMs: () => 10 * 60_000 },
  });
  const emulatorEnds = new Map<number, number>();
  const outcomes: TaskOutcome[] = [];
  const allDone = new Promise<void>((resolve) => {
    tracker.onDidFinish((outcome) => {
      outcomes.push(outcome);
      if (outcomes.length === count) resolve();
    });
  });
  try {
    await emulator.control({ op: 'clearRequests' });
    await Promise.all(
      targets.map(async ({ primary, group }) => {
        const ref = await api.createNetwork({ region: region.region, groupId: group.readOnlyGroupId, vpcId: vpc.vpcId, subnetId: subnet.subnetId });
        // The emulator starts the task when it answers (after its added latency): the answer marks the start.
        emulatorEnds.set(ref.taskId, Date.now() + durationMs);
        tracker.start({
          kind: 'addNetwork',
          region: region.region,
          owner: { kind: 'readOnlyGroup', region: region.region, id: group.readOnlyGroupId, primaryInstanceId: primary.dbInstanceId },
          ownerName: group.readOnlyGroupName,
          vpcId: vpc.vpcId,
          subnetId: subnet.subnetId,
          taskId: ref.taskId,
          requestId: ref.requestId,
          ipsBefore: group.networks.map((network) => network.ip),
        });
      }),
    );
    await allDone;
  } finally {
    tracker.dispose();
  }
  const log = await emulator.requests();
  return {
    delaysMs: outcomes.map((outcome) => outcome.finishedAt - (emulatorEnds.get(outcome.task.taskId ?? -1) ?? Number.NaN)),
    describeTasksPerTask: Math.round((countAction(log, 'DescribeTasks') / count) * 100) / 100,
    peakDescribeTasksPerSecond: peakRate(log, 'DescribeTasks'),
    throttledOnWire: countThrottled(log),
    failedOrTimedOut: outcomes.filter((outcome) => outcome.result !== 'succeeded').length,
  };
}

export async function runTaskBench(onRow: (row: BenchRow) => void): Promise<void> {
  const pollIntervalMs = defaultPollIntervalMs();
  const world = generateWorld({ regions: 1, primariesPerRegion: 50, groupsPerPrimary: 1, roInstancesPerGroup: 1 });
  const emulator = await startEmulatorProcess(world, { latencyMs: LATENCY_MS });
  const { api } = createBenchClient(emulator.url);
  try {
    const scenarios = [
      { count: 1, durationMs: 7_500, title: 'one task (7.5 s)' },
      { count: 50, durationMs: 10_000, title: '50 tasks in flight at once (10 s each)' },
    ];
    for (const scenario of scenarios) {
      // Each scenario needs groups without a change in flight: start from the world as loaded.
      await emulator.control({ op: 'resetWorld' });
      const run = await trackTasks(api, emulator, world, scenario.count, scenario.durationMs, pollIntervalMs);
      const group = `task tracking: ${scenario.title}, poll interval ${pollIntervalMs / 1000} s`;
      const delays = run.delaysMs;
      onRow({
        group,
        name: scenario.count === 1 ? 'task end -> reported' : 'task end -> reported (median)',
        value: Math.round(median(delays)),
        unit: 'ms',
        lowerBound: 0,
        target: pollIntervalMs,
        note: 'target: within one poll interval; includes the read of the group that names the new VIP',
      });
      if (scenario.count > 1) {
        onRow({ group, name: 'task end -> reported (p95)', value: Math.round(percentile(delays, 95)), unit: 'ms', lowerBound: 0, target: pollIntervalMs });
        onRow({ group, name: 'task end -> reported (max)', value: Math.round(Math.max(...delays)), unit: 'ms', lowerBound: 0, target: pollIntervalMs });
      }
      onRow({
        group,
        name: 'DescribeTasks calls per task',
        value: run.describeTasksPerTask,
        unit: 'calls',
        lowerBound: Math.round(100 / scenario.count) / 100,
        note: 'lower bound: one call (one listing of the region) that sees every task finished',
      });
      onRow({
        group,
        name: 'peak DescribeTasks rate (any 1 s window)',
        value: run.peakDescribeTasksPerSecond,
        unit: '/s',
        target: DESCRIBE_TASKS_LIMIT_PER_SECOND,
        note: `API limit ${DESCRIBE_TASKS_LIMIT_PER_SECOND}/s`,
      });
      onRow({ group, name: 'RequestLimitExceeded on the wire', value: run.throttledOnWire, unit: 'errors', lowerBound: 0, target: 0 });
      onRow({ group, name: 'tasks not reported as succeeded', value: run.failedOrTimedOut, unit: 'tasks', lowerBound: 0, target: 0 });
    }
  } finally {
    api.dispose();
    await emulator.stop();
  }
}
