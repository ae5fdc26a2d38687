import type { Translate } from '../domain/translate';
import type { TaskOutcome, TrackedTask } from './trackedTask';

/**
 * The words the status bar, the task list and the notifications use for a task: pure, so they are unit-tested
 * and the same everywhere.
 */

export function taskTitle(task: TrackedTask, t: Translate): string {
  return task.kind === 'addNetwork'
    ? t('Adding a network to {0}', task.groupName)
    : t('Removing network {0} from {1}', task.vip ?? '', task.groupName);
}

/** The activity a group shows in the tree while its task runs. */
export function groupActivityText(task: TrackedTask, t: Translate): string {
  const base = task.kind === 'addNetwork' ? t('Adding network…') : t('Removing network…');
  return task.progress !== undefined ? `${base} ${task.progress}%` : base;
}

/** The profile name a task waits for (see TaskTracker.waitingForProfile), undefined for a task being polled. */
export type WaitingFor = (task: TrackedTask) => string | undefined;

const notWaiting: WaitingFor = () => undefined;

/** "40% · Creating VIP", "opening", or "waiting for profile "work"" while another profile is active. */
export function taskProgressText(task: TrackedTask, t: Translate, waitingFor: WaitingFor = notWaiting): string {
  const profile = waitingFor(task);
  if (profile !== undefined) return t('waiting for profile "{0}"', profile);
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
    return `${icon} ${task.groupName}: ${taskProgressText(task, t, waitingFor)}`;
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
      : t('following the group status (the task status is not available)'),
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
  const { task } = outcome;
  const vip = outcome.network?.ip || task.vip;
  switch (outcome.result) {
    case 'succeeded':
      if (task.kind === 'addNetwork') {
        return vip
          ? t('The network {0} was added to the read-only group {1}.', vip, task.groupName)
          : t('A network was added to the read-only group {0}.', task.groupName);
      }
      return t('The network {0} was removed from the read-only group {1}.', vip ?? '', task.groupName);
    case 'failed': {
      const head =
        task.kind === 'addNetwork'
          ? t('Adding a network to the read-only group {0} failed.', task.groupName)
          : t('Removing the network {0} from the read-only group {1} failed.', vip ?? '', task.groupName);
      return outcome.message ? `${head} ${outcome.message}` : head;
    }
    case 'timedOut':
      return task.kind === 'addNetwork'
        ? t('Adding a network to the read-only group {0} has not finished after {1} minutes. It may still be running: check it in the Tencent Cloud console.', task.groupName, timeoutMinutes)
        : t('Removing the network {0} from the read-only group {1} has not finished after {2} minutes. It may still be running: check it in the Tencent Cloud console.', vip ?? '', task.groupName, timeoutMinutes);
  }
}
