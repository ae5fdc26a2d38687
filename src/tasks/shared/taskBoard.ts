import type { Clock, TimerHandle } from '../../domain/clock';
import type { TaskKind, TaskResult, TrackedTask } from '../trackedTask';
import type { BoardFs } from './boardFs';
import { Leases } from './leases';
import type { SendingRecord, TaskRecord } from './taskRecords';
import { fileName, idOf, parseSending, parseTaskRecord, SENDING_PREFIX, TASK_PREFIX } from './taskRecords';

/** A lease lasts this long; its holder renews it every third of it. */
export const LEASE_MS = 15_000;
/** The folder is read again this often, in case a change notification was missed (fs.watch is best effort). */
export const RESCAN_MS = 5_000;
/** Ended records stay this long, so a window that was slow to read sees the end instead of a vanished task. */
export const ENDED_KEEP_MS = 10 * 60_000;

export interface TaskBoardDeps {
  readonly fs: BoardFs;
  readonly clock: Clock;
  /** Unique to this window's activation: owner of its leases and sending records. */
  readonly windowId: string;
  /** A sending record older than this (request timeout + settle window + margin) was left by a dead window. */
  readonly sendingStaleMs: () => number;
  readonly leaseMs?: number;
  readonly rescanMs?: number;
  readonly log?: (message: string) => void;
}

export interface GroupClaim {
  readonly groupId: string;
  readonly kind: TaskKind;
  readonly profileId?: string;
}

/**
 * The tasks in flight as every window of the user sees them: one file per task in a folder they share, each
 * written atomically and only by the window that changed it, so windows merge per task and never drop another
 * window's task with a stale list. Also holds the leases (who polls what) and the sending records (who is writing
 * to which group). This window's own writes are serialised, so a task's record is on disk before the sending
 * record it replaces is removed.
 */
export class TaskBoard {
  readonly leases: Leases;
  private readonly records = new Map<string, { text: string; record: TaskRecord }>();
  private readonly sending = new Map<string, SendingRecord>();
  /** File names with a write or removal of this window still under way: a rescan keeps what memory says. */
  private readonly pending = new Map<string, number>();
  /**
   * How many writes this window has queued per file name. A file this window wrote to while a rescan ran may have
   * been read before the write landed: the rescan keeps what memory says of it, or it would undo the write.
   */
  private readonly localWrites = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private writes: Promise<unknown> = Promise.resolve();
  private watcher: { dispose(): void } | undefined;
  private timer: TimerHandle | undefined;
  private scanning: Promise<void> | undefined;
  private scanAgain = false;
  private disposed = false;

  constructor(private readonly deps: TaskBoardDeps) {
    this.leases = new Leases(deps.fs, deps.clock, deps.windowId, deps.leaseMs ?? LEASE_MS);
  }

  /** Reads the folder, then follows its changes. */
  async start(): Promise<void> {
    await this.rescan();
    if (this.disposed) return;
    try {
      this.watcher = this.deps.fs.watch(() => void this.rescan());
    } catch (error) {
      this.log(`cannot watch the shared task folder (${String(error)}): reading it every ${(this.deps.rescanMs ?? RESCAN_MS) / 1000} s`);
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

  /** Groups another window (or a window that died less than the bound ago) is sending a change to. */
  sendingGroupIds(): Set<string> {
    return new Set([...this.sending.values()].filter((record) => !this.isStale(record)).map((record) => record.groupId));
  }

  /** Records the task as this window last saw it (written only when it changed). */
  put(task: TrackedTask): Promise<void> {
    const record: TaskRecord = { state: 'running', task: { ...task, ipsBefore: [...task.ipsBefore] } };
    const text = JSON.stringify(record);
    if (this.records.get(task.key)?.text === text) return Promise.resolve();
    this.records.set(task.key, { text, record });
    return this.enqueue(fileName(TASK_PREFIX, task.key), (name) => this.deps.fs.write(name, text));
  }

  /**
   * Records the task's end. Resolves true when this window is the one to report it: it still held the lease and
   * no other window had recorded the end; false when another window reports (or has reported) it.
   */
  end(task: TrackedTask, result: TaskResult): Promise<boolean> {
    const text = JSON.stringify({ state: 'ended', task, result, endedAt: this.deps.clock.now() });
    const record = parseTaskRecord(text);
    if (record) this.records.set(task.key, { text, record });
    let report = false;
    return this.enqueue(fileName(TASK_PREFIX, task.key), async (name) => {
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
    return this.enqueue(fileName(TASK_PREFIX, key), async (name) => {
      await this.deps.fs.remove(name);
      await this.leases.release(key);
    });
  }

  /**
   * Records that this window is about to send a change to the group, unless another one is: resolves false
   * when a live sending record of another window (or of this one) is there. A stale record is replaced.
   */
  claimGroup(claim: GroupClaim): Promise<boolean> {
    const record: SendingRecord = { state: 'sending', ...claim, sentAt: this.deps.clock.now(), owner: this.deps.windowId };
    const text = JSON.stringify(record);
    const name = fileName(SENDING_PREFIX, claim.groupId);
    let claimed = false;
    return this.enqueue(name, async () => {
      try {
        claimed = await this.claim(name, text);
      } catch (error) {
        // A folder that cannot be written must not stop every change: the cloud still refuses a busy group.
        this.log(`could not record the change to ${claim.groupId} (${String(error)}): sending it unrecorded`);
        claimed = true;
      }
      if (claimed) this.sending.set(claim.groupId, record);
    }).then(() => claimed);
  }

  private async claim(name: string, text: string): Promise<boolean> {
    if (await this.deps.fs.create(name, text)) return true;
    const current = await this.deps.fs.read(name);
    const existing = parseSending(current);
    if (existing?.owner === this.deps.windowId) {
      // This window's own record (a retry after a lost answer): the window's own set already guards it.
      await this.deps.fs.write(name, text);
      return true;
    }
    if (existing && !this.isStale(existing)) return false;
    this.log(`the sending record of ${name} is stale (window ${existing?.owner ?? 'unknown'}): replacing it`);
    if ((await this.deps.fs.read(name)) !== current) return false;
    await this.deps.fs.remove(name);
    // Two windows may both have found it stale: the record on disk after creating is the one that counts.
    return (await this.deps.fs.create(name, text)) && (await this.deps.fs.read(name)) === text;
  }

  /** The change was recorded as a task, or clearly not sent: the group's sending record goes (if still this window's). */
  releaseGroup(groupId: string): Promise<void> {
    const name = fileName(SENDING_PREFIX, groupId);
    if (this.sending.get(groupId)?.owner === this.deps.windowId) this.sending.delete(groupId);
    return this.enqueue(name, async () => {
      if (parseSending(await this.deps.fs.read(name))?.owner === this.deps.windowId) await this.deps.fs.remove(name);
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
    return this.writes.then(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.dispose();
    if (this.timer !== undefined) this.deps.clock.clearTimer(this.timer);
    this.listeners.clear();
  }

  private async scan(): Promise<void> {
    let names: string[];
    try {
      names = await this.deps.fs.list();
    } catch (error) {
      this.log(`cannot read the shared task folder: ${String(error)}`);
      return;
    }
    // A write queued before the listing may land after it, and one queued during the scan after its read.
    const writesBefore = new Map(this.localWrites);
    const pendingBefore = new Set(this.pending.keys());
    const keepMemory = (name: string): boolean =>
      this.pending.has(name) || pendingBefore.has(name) || this.localWrites.get(name) !== writesBefore.get(name);
    let changed = false;
    const onDisk = new Set<string>();
    const sendingOnDisk = new Map<string, SendingRecord>();
    for (const name of names) {
      const key = idOf(TASK_PREFIX, name);
      const groupId = idOf(SENDING_PREFIX, name);
      if (key !== undefined) {
        onDisk.add(key);
        if (this.pending.has(name)) continue;
        const text = await this.deps.fs.read(name);
        if (keepMemory(name)) continue;
        const record = parseTaskRecord(text);
        if (text === undefined || !record) {
          changed = this.records.delete(key) || changed;
        } else if (record.state === 'ended' && this.deps.clock.now() - record.endedAt > ENDED_KEEP_MS) {
          await this.deps.fs.remove(name);
          changed = this.records.delete(key) || changed;
        } else if (this.records.get(key)?.text !== text) {
          this.records.set(key, { text, record });
          changed = true;
        }
      } else if (groupId !== undefined) {
        const record = parseSending(await this.deps.fs.read(name));
        if (record && !keepMemory(name)) sendingOnDisk.set(groupId, record);
      }
    }
    for (const key of [...this.records.keys()]) {
      if (!onDisk.has(key) && !keepMemory(fileName(TASK_PREFIX, key))) {
        this.records.delete(key);
        this.leases.forget(key);
        changed = true;
      }
    }
    // Judged at the end, not when each file was read: a claim or a release of this window during the scan wins over
    // what the scan read before it (a release must not be undone by a read of the file it is removing).
    for (const groupId of new Set([...sendingOnDisk.keys(), ...this.sending.keys()])) {
      if (!keepMemory(fileName(SENDING_PREFIX, groupId))) continue;
      const mine = this.sending.get(groupId);
      if (mine) sendingOnDisk.set(groupId, mine);
      else sendingOnDisk.delete(groupId);
    }
    if (!sameSending(this.sending, sendingOnDisk)) {
      this.sending.clear();
      sendingOnDisk.forEach((record, groupId) => this.sending.set(groupId, record));
      changed = true;
    }
    if (changed && !this.disposed) this.listeners.forEach((listener) => listener());
  }

  private scheduleRescan(): void {
    if (this.disposed) return;
    this.timer = this.deps.clock.setTimer(() => {
      void this.rescan().finally(() => this.scheduleRescan());
    }, this.deps.rescanMs ?? RESCAN_MS);
  }

  /** Stale: older than the bound, or (the clock was set back) further in the future than it. */
  private isStale(record: SendingRecord): boolean {
    return Math.abs(this.deps.clock.now() - record.sentAt) > this.deps.sendingStaleMs();
  }

  private enqueue(name: string, work: (name: string) => Promise<void>): Promise<void> {
    this.pending.set(name, (this.pending.get(name) ?? 0) + 1);
    this.localWrites.set(name, (this.localWrites.get(name) ?? 0) + 1);
    const done = this.writes.then(() => work(name));
    this.writes = done
      .catch((error: unknown) => this.log(`could not update the shared task folder (${name}): ${String(error)}`))
      .finally(() => {
        const count = (this.pending.get(name) ?? 1) - 1;
        if (count > 0) this.pending.set(name, count);
        else this.pending.delete(name);
      });
    return done.catch(() => undefined);
  }

  private log(message: string): void {
    this.deps.log?.(message);
  }
}

function sameSending(a: ReadonlyMap<string, SendingRecord>, b: ReadonlyMap<string, SendingRecord>): boolean {
  if (a.size !== b.size) return false;
  for (const [groupId, record] of a) {
    const other = b.get(groupId);
    if (!other || other.owner !== record.owner || other.sentAt !== record.sentAt) return false;
  }
  return true;
}
