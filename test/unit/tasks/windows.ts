import type { TaskStatus } from '../../../src/domain/model';
import { TaskBoard } from '../../../src/tasks/shared/taskBoard';
import type { TaskStore } from '../../../src/tasks/taskTracker';
import { TaskTracker } from '../../../src/tasks/taskTracker';
import type { TaskOutcome, TrackedTask } from '../../../src/tasks/trackedTask';
import { FakeCloudApi } from '../support/fakes';
import type { FakeClock } from '../support/fakeClock';
import type { MemoryFolder } from './memoryBoardFs';
import { loggerInto } from '../../support/recordingLogger';

export const POLL_MS = 2000;
export const TIMEOUT_MS = 30 * 60_000;
export const SENDING_STALE_MS = 3 * 60_000;

class EmptyStore implements TaskStore {
  saved: TrackedTask[] = [];
  load(): TrackedTask[] {
    return this.saved;
  }
  async save(tasks: readonly TrackedTask[]): Promise<void> {
    this.saved = [...tasks];
  }
}

export interface Window {
  readonly id: string;
  readonly api: FakeCloudApi;
  readonly board: TaskBoard;
  readonly tracker: TaskTracker;
  readonly outcomes: TaskOutcome[];
  readonly store: EmptyStore;
  readonly logged: string[];
}

/**
 * One window of the extension on a folder shared with others. Each window has its own API client (to count its
 * calls) and, unless given one, the clock all windows share: the same machine's time.
 */
export function openWindow(folder: MemoryFolder, clock: FakeClock, id: string, options: { profile?: () => string | undefined; legacy?: TrackedTask[]; sendingStaleMs?: number } = {}): Window {
  const api = new FakeCloudApi();
  const logged: string[] = [];
  const board = new TaskBoard({ fs: folder.fs(), clock, windowId: id, sendingStaleMs: () => options.sendingStaleMs ?? SENDING_STALE_MS, log: loggerInto(logged) });
  const store = new EmptyStore();
  store.saved = options.legacy ?? [];
  const tracker = new TaskTracker({
    api,
    clock,
    store,
    board,
    timing: { pollIntervalMs: () => POLL_MS, timeoutMs: () => TIMEOUT_MS },
    activeProfileId: options.profile,
    log: loggerInto(logged),
  });
  const outcomes: TaskOutcome[] = [];
  tracker.onDidFinish((outcome) => outcomes.push(outcome));
  tracker.resume();
  return { id, api, board, tracker, outcomes, store, logged };
}

/** Sets what DescribeTasks says of a task, for every window's client. */
export function setStatus(windows: readonly Window[], taskId: number, state: string, progress: number): void {
  const status: TaskStatus = { taskId, type: 'ModifyNetwork', instanceId: 'postgres-1', state, progress, currentStep: `step ${progress}`, message: '', startTime: '', endTime: '' };
  for (const window of windows) window.api.tasks.set(taskId, status);
}

export function pollCalls(window: Window): number {
  return window.api.callsOf('listTasks').length + window.api.callsOf('describeTask').length;
}
