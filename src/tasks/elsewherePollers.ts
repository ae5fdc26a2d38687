import type { TaskPoller, TrackerApi } from './taskPoller';
import type { TrackedTask } from './trackedTask';

/** A client for the profile and connection a task was sent with, held until released. */
export interface TaskClient {
  readonly api: TrackerApi;
  release(): void;
}

/** Where a task was sent: the profile that signed it, and the site and endpoint (`Connection.where`). */
export interface SentWith {
  readonly profileId: string;
  readonly connection: string;
}

/** Builds the client for tasks sent that way; undefined when none can be (the profile is gone, say). */
export type TaskClientFactory = (sentWith: SentWith) => TaskClient | undefined;

/**
 * The pollers of the tasks sent with another profile, or to another site or endpoint, than the current client's: a
 * task is asked about where it was sent, by the account that sent it, until it ends. One poller per (profile,
 * connection), each through a client of its own, which is released once none of its tasks is left.
 */
export class ElsewherePollers {
  private readonly byKey = new Map<string, { readonly client: TaskClient; readonly poller: TaskPoller }>();

  constructor(
    private readonly factory: TaskClientFactory,
    private readonly pollerFor: (api: TrackerApi, key: string) => TaskPoller,
  ) {}

  /** Whether the task can be polled through a client of its own (built on first need). */
  canPoll(task: TrackedTask): boolean {
    const sentWith = sentWithOf(task);
    if (sentWith === undefined) return false;
    const key = elsewhereKey(task);
    if (this.byKey.has(key)) return true;
    const client = this.factory(sentWith);
    if (client === undefined) return false;
    this.byKey.set(key, { client, poller: this.pollerFor(client.api, key) });
    return true;
  }

  async pollDueTasks(): Promise<void> {
    await Promise.all([...this.byKey.values()].map((entry) => entry.poller.pollDueTasks()));
  }

  /** Releases the clients that none of `needed` (the tasks still polled elsewhere) was sent with. */
  releaseUnneeded(needed: Iterable<TrackedTask>): void {
    const keys = new Set([...needed].map(elsewhereKey));
    for (const [key, entry] of this.byKey) {
      if (keys.has(key)) continue;
      this.byKey.delete(key);
      entry.client.release();
    }
  }

  dispose(): void {
    this.releaseUnneeded([]);
  }
}

/** The key of the poller a task sent elsewhere belongs to. */
export function elsewhereKey(task: TrackedTask): string {
  return `${task.profileId ?? ''}\n${task.connection ?? ''}`;
}

function sentWithOf(task: TrackedTask): SentWith | undefined {
  return task.profileId !== undefined && task.connection !== undefined ? { profileId: task.profileId, connection: task.connection } : undefined;
}
