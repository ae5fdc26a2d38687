import type { Clock, TimerHandle } from '../../domain/clock';
import { silentLogger, type Logger } from '../../domain/logger';
import type { TaskResult, TrackedTask } from '../trackedTask';
import { taskToRecord } from '../trackedTask';
import type { BoardFs } from './boardFs';
import { BoardWrites } from './boardWrites';
import { ChangeSeen } from './changeSeen';
import { Leases } from './leases';
import { OwnerLocks } from './ownerLocks';
import type { SendingEntry } from './sendingEntries';
import type { TaskRecord } from './taskRecords';
import { fileName, idOf, parseTaskRecord, readSending, readTaskRecord, SENDING_PREFIX, TASK_PREFIX, UNKNOWN } from './taskRecords';

/** A lease lasts this long; its holder renews it every third of it. */
export const LEASE_MS = 15_000;
/** The folder is read again this often, in case a change notification was missed (fs.watch is best effort); this
 * window's sending records are renewed as often. */
export const RESCAN_MS = 5_000;
/** Ended records stay this long (unchanged, on this clock): a window slow to read sees the end, not a vanished task. */
export const ENDED_KEEP_MS = 10 * 60_000;

export interface TaskBoardDeps {
  readonly fs: BoardFs;
  readonly clock: Clock;
  /** Unique to this window's activation: owner of its leases and sending records. */
  readonly windowId: string;
  /** How long this window's sending records stand unchanged (request timeout + settle window + margin), written in each. */
  readonly sendingStaleMs: () => number;
  /** The error a change is refused with when the folder cannot be used (naming folder and error): unrecorded, two windows could send. */
  readonly unavailable?: (error: unknown) => Error;
  /**
   * The error a change is refused with when the group's sending file cannot be read (torn, or a newer version's):
   * it is left alone, so the words name the file, for the user to remove once no window is changing the group.
   */
  readonly unreadable?: (fileName: string) => Error;
  readonly leaseMs?: number;
  readonly rescanMs?: number;
  readonly log?: Logger;
}

/**
 * The tasks in flight as every window of the user sees them: one file per task in a folder they share, each
 * written atomically and only by the window that changed it, so windows merge per task and never drop another
 * window's task with a stale list. Also holds the leases (who polls what) and the owners' sending records
 * (`owners`: who is writing to which owner), and reads the folder for all three. This window's own writes are
 * serialised (BoardWrites), so a task's record is on disk before the sending record it replaces is removed.
 */
export class TaskBoard {
  readonly leases: Leases;
  readonly owners: OwnerLocks;
  private readonly records = new Map<string, { text: string; record: TaskRecord }>();
  /** For how long each ended task record has read the same: swept after ENDED_KEEP_MS of it. */
  private readonly endedSeen: ChangeSeen;
  private readonly loggedUnknown = new Set<string>(); // unknown files already logged, once each text
  private readonly writes: BoardWrites;
  private readonly listeners = new Set<() => void>();
  private watcher: { dispose(): void } | undefined;
  private timer: TimerHandle | undefined;
  private scanning: Promise<void> | undefined;
  private scanAgain = false;
  private disposed = false;
  private readonly log: Logger;

  constructor(private readonly deps: TaskBoardDeps) {
    this.log = deps.log ?? silentLogger;
    this.writes = new BoardWrites(this.log);
    this.leases = new Leases(deps.fs, deps.clock, deps.windowId, deps.leaseMs ?? LEASE_MS, this.log);
    this.owners = new OwnerLocks({ ...deps, writes: this.writes, liveMs: deps.leaseMs ?? LEASE_MS, log: this.log });
    this.endedSeen = new ChangeSeen(deps.clock);
  }

  /** Reads the folder, then follows its changes. */
  async start(): Promise<void> {
    await this.rescan();
    if (this.disposed) return;
    try {
      this.watcher = this.deps.fs.watch(() => void this.rescan());
    } catch (error) {
      this.log.info(`cannot watch the shared task folder (${String(error)}): reading it every ${(this.deps.rescanMs ?? RESCAN_MS) / 1000} s`);
    }
    this.scheduleRescan();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The tasks in flight, as their records last said. */
  running(): TrackedTask[] {
    return [...this.records.values()].flatMap(({ record }) => (record.state === 'running' ? [record.task] : []));
  }

  /** Records the task as this window last saw it (written only when it changed). */
  put(task: TrackedTask): Promise<void> {
    const text = JSON.stringify({ state: 'running', task: taskToRecord(task) });
    if (this.records.get(task.key)?.text === text) return Promise.resolve();
    const record = parseTaskRecord(text);
    if (record) this.records.set(task.key, { text, record });
    return this.writes.enqueue(fileName(TASK_PREFIX, task.key), (name) => this.deps.fs.write(name, text));
  }

  /**
   * Records the task's end. Resolves true when this window is the one to report it: it still held the lease and
   * no other window had recorded the end; false when another window reports (or has reported) it.
   */
  end(task: TrackedTask, result: TaskResult): Promise<boolean> {
    const text = JSON.stringify({ state: 'ended', task: taskToRecord(task), result, endedAt: this.deps.clock.now() });
    const record = parseTaskRecord(text);
    if (record) this.records.set(task.key, { text, record });
    let report = false;
    return this.writes.enqueue(fileName(TASK_PREFIX, task.key), async (name) => {
      if (!(await this.leases.stillHolds(task.key))) return;
      if (parseTaskRecord(await this.deps.fs.read(name))?.state === 'ended') return;
      await this.deps.fs.write(name, text);
      report = true;
      await this.leases.release(task.key);
    }).then(() => report);
  }

  /** Removes a task's record (its profile was signed out), and its lease if this window held it. */
  remove(key: string): Promise<void> {
    this.records.delete(key);
    return this.writes.enqueue(fileName(TASK_PREFIX, key), async (name) => {
      await this.deps.fs.remove(name);
      await this.leases.release(key);
    });
  }

  /** Reads the folder and tells the listeners when a record changed. Concurrent calls collapse into one more pass. */
  async rescan(): Promise<void> {
    if (this.scanning) {
      this.scanAgain = true;
      return this.scanning;
    }
    this.scanning = this.scan().finally(() => (this.scanning = undefined));
    await this.scanning;
    if (this.scanAgain && !this.disposed) {
      this.scanAgain = false;
      await this.rescan();
    }
  }

  /** Waits for this window's writes so far (for dispose and tests). */
  flush(): Promise<void> {
    return this.writes.flush();
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.dispose();
    if (this.timer !== undefined) this.deps.clock.clearTimer(this.timer);
    this.listeners.clear();
  }

  private async scan(): Promise<void> {
    // Before the listing: a write queued before it may land after it.
    const keepMemory = this.writes.scanGuard();
    let names: string[];
    try {
      names = await this.deps.fs.list();
    } catch (error) {
      this.log.warn(`cannot read the shared task folder: ${String(error)}`);
      return;
    }
    let changed = false;
    const onDisk = new Set<string>();
    const sendingOnDisk = new Map<string, SendingEntry>();
    for (const name of names) {
      const key = idOf(TASK_PREFIX, name);
      const ownerId = idOf(SENDING_PREFIX, name);
      if (key !== undefined) {
        onDisk.add(key);
        if (this.writes.isPending(name)) continue;
        const text = await this.deps.fs.read(name);
        if (keepMemory(name)) continue;
        const record = readTaskRecord(text);
        if (text === undefined || record === undefined) {
          changed = this.records.delete(key) || changed;
        } else if (record === UNKNOWN) {
          // Torn, or a newer version's: what this window knew of the task stands, and nothing is dropped.
          this.logUnknown(name, text, 'the task stays as last read');
        } else if (record.state === 'ended' && this.endedSeen.unchangedFor(key, text) >= ENDED_KEEP_MS) {
          await this.deps.fs.remove(name);
          this.endedSeen.forget(key);
          changed = this.records.delete(key) || changed;
        } else if (this.records.get(key)?.text !== text) {
          this.records.set(key, { text, record });
          changed = true;
        }
      } else if (ownerId !== undefined) {
        const text = await this.deps.fs.read(name);
        const record = readSending(text);
        if (text === undefined || record === undefined || keepMemory(name)) continue;
        if (record === UNKNOWN) this.logUnknown(name, text, 'the owner stays locked');
        sendingOnDisk.set(ownerId, { text, record });
      }
    }
    for (const key of [...this.records.keys()]) {
      if (!onDisk.has(key) && !keepMemory(fileName(TASK_PREFIX, key))) {
        this.records.delete(key);
        this.leases.forget(key);
        this.endedSeen.forget(key);
        changed = true;
      }
    }
    // Listeners hear of a lock taken or given up, not of a renewal.
    if (this.owners.takeScan(sendingOnDisk, keepMemory)) changed = true;
    if (changed && !this.disposed) this.listeners.forEach((listener) => listener());
  }

  private scheduleRescan(): void {
    if (this.disposed) return;
    this.timer = this.deps.clock.setTimer(() => {
      this.owners.renew();
      void this.rescan().finally(() => this.scheduleRescan());
    }, this.deps.rescanMs ?? RESCAN_MS);
  }

  private logUnknown(name: string, text: string, consequence: string): void {
    if (this.loggedUnknown.has(text)) return;
    this.loggedUnknown.add(text);
    this.log.warn(`${name} cannot be read (torn, or written by a newer version): left alone, ${consequence}`);
  }
}
