import type { TaskStore } from '../../tasks/taskTracker';
import type { TrackedTask } from '../../tasks/trackedTask';
import { taskFromRecord, taskToRecord } from '../../tasks/trackedTask';

/** The part of VS Code's Memento the store needs (globalState is one). */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export const TASKS_STATE_KEY = 'tencentdbPostgres.tasksInFlight';

/** Tasks in flight in the extension's global state, so that a reloaded window resumes tracking them. */
export class MementoTaskStore implements TaskStore {
  constructor(private readonly memento: MementoLike) {}

  load(): TrackedTask[] {
    const value = this.memento.get<unknown>(TASKS_STATE_KEY);
    if (!Array.isArray(value)) return [];
    return value.map(taskFromRecord).filter((task): task is TrackedTask => task !== undefined);
  }

  async save(tasks: readonly TrackedTask[]): Promise<void> {
    await this.memento.update(TASKS_STATE_KEY, tasks.length > 0 ? tasks.map(taskToRecord) : undefined);
  }
}
