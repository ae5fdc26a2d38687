import { unreachableChange } from '../domain/changeJudgement';
import type { Translate } from '../domain/translate';
import type { TaskOutcome, TrackedTask } from './trackedTask';

/**
 * The words the status bar, the task list and the notifications use for a task: pure, so they are unit-tested
 * and the same everywhere.
 */

export function taskTitle(task: TrackedTask, t: Translate): string {
  switch (task.kind) {
    case 'addNetwork':
      return t('Adding a network to {0}', task.ownerName);
    case 'removeNetwork':
      return t('Removing network {0} from {1}', task.vip ?? '', task.ownerName);
    default:
      return unreachableChange(task.kind);
  }
}

/** The activity a group or primary shows in the tree while its task runs. */
export function ownerActivityText(task: TrackedTask, t: Translate): string {
  const base = activityVerb(task, t);
  return task.progress !== undefined ? `${base} ${task.progress}%` : base;
}

function activityVerb(task: TrackedTask, t: Translate): string {
  switch (task.kind) {
    case 'addNetwork':
      return t('Adding network…');
    case 'removeNetwork':
      return t('Removing network…');
    default:
      return unreachableChange(task.kind);
  }
}

/**
 * What a task waits for, in words ('profile "work"', "the endpoint …"), undefined for a task being polled (see
 * TaskTracker.waitingFor).
 */
export type WaitingFor = (task: TrackedTask) => string | undefined;

const notWaiting: WaitingFor = () => undefined;

/** "40% · Creating VIP", "opening", or "waiting for profile "work"" while another profile is active. */
export function taskProgressText(task: TrackedTask, t: Translate, waitingFor: WaitingFor = notWaiting): string {
  const awaited = waitingFor(task);
  if (awaited !== undefined) return t('waiting for {0}', awaited);
  const parts: string[] = [];
  if (task.progress !== undefined) parts.push(`${task.progress}%`);
  if (task.step) parts.push(task.step);
  if (parts.length === 0) parts.push(t('starting'));
  return parts.join(' · ');
}

export function statusBarText(tasks: readonly TrackedTask[], t: Translate, waitingFor: WaitingFor = notWaiting): string {
  const waiting = tasks.filter((task) => waitingFor(task) !== undefined).length;
  // Nothing spins when nothing is being followed.
  const icon = waiting === tasks.length ? '$(clock)' : '$(sync~spin)';
  if (tasks.length === 1) {
    const [task] = tasks;
    return `${icon} ${task.ownerName}: ${taskProgressText(task, t, waitingFor)}`;
  }
  return waiting > 0
    ? `${icon} ${t('{0} network tasks, {1} waiting for another profile', tasks.length, waiting)}`
    : `${icon} ${t('{0} network tasks', tasks.length)}`;
}

/** The line under a task in the task list: what, where, how long, and how it is followed. */
export function taskDetail(task: TrackedTask, now: number, t: Translate): string {
  const parts = [
    `VPC ${task.vpcId}`,
    `subnet ${task.subnetId}`,
    task.vip ? `VIP ${task.vip}` : t('VIP assigned automatically'),
    t('started {0} ago', elapsedText(now - task.startedAt, t)),
    task.source === 'task' && task.taskId !== undefined
      ? t('task {0}', task.taskId)
      : t('following the status of {0} (the task status is not available)', task.ownerName),
  ];
  return parts.join(' · ');
}

export function elapsedText(ms: number, t: Translate): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return t('{0} s', seconds);
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? t('{0} min', minutes) : t('{0} h {1} min', Math.floor(minutes / 60), minutes % 60);
}

export function outcomeMessage(outcome: TaskOutcome, timeoutMinutes: number, t: Translate): string {
  const words = outcomeWords(outcome.task, outcome.network?.ip || outcome.task.vip || '', t);
  switch (outcome.result) {
    case 'succeeded':
      return words.succeeded;
    case 'failed':
      return outcome.message ? `${words.failed} ${outcome.message}` : words.failed;
    case 'timedOut':
      return words.timedOut(timeoutMinutes);
  }
}

/** How each end of a task is worded, for its kind of change. */
function outcomeWords(task: TrackedTask, vip: string, t: Translate): { succeeded: string; failed: string; timedOut: (minutes: number) => string } {
  const name = task.ownerName;
  switch (task.kind) {
    case 'addNetwork':
      return {
        succeeded: vip ? t('The network {0} was added to {1}.', vip, name) : t('A network was added to {0}.', name),
        failed: t('Adding a network to {0} failed.', name),
        timedOut: (minutes) =>
          t('Adding a network to {0} has not finished after {1} minutes. It may still be running: check it in the Tencent Cloud console.', name, minutes),
      };
    case 'removeNetwork':
      return {
        succeeded: t('The network {0} was removed from {1}.', vip, name),
        failed: t('Removing the network {0} from {1} failed.', vip, name),
        timedOut: (minutes) =>
          t('Removing the network {0} from {1} has not finished after {2} minutes. It may still be running: check it in the Tencent Cloud console.', vip, name, minutes),
      };
    default:
      return unreachableChange(task.kind);
  }
}
