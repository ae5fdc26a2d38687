import type { Clock, TimerHandle } from '../../domain/clock';
import { silentLogger, type Logger } from '../../domain/logger';
import type { TaskKind, TaskResult, TrackedTask } from '../trackedTask';
import { taskToRecord } from '../trackedTask';
import type { BoardFs } from './boardFs';
import { ChangeSeen } from './changeSeen';
import { Leases } from './leases';
import type { SendingEntry } from './sendingEntries';
import { sameSending, UnreadableRecord } from './sendingEntries';
import type { SendingRecord, TaskRecord } from './taskRecords';
import type { UnsettledWrite } from './unsettledRecord';
import { fileName, idOf, parseSending, parseTaskRecord, readSending, readTaskRecord, RECORD_VERSION, SENDING_PREFIX, TASK_PREFIX, UNKNOWN } from './taskRecords';

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

/** A claim on an owner of networks (a read-only group or a primary instance, by id) before a change is sent. */
export interface OwnerClaim {
  readonly ownerId: string;
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
  private readonly sending = new Map<string, SendingEntry>();
  /** For how long each other window's sending record has read the same. */
  private readonly sendingSeen: ChangeSeen;
  /** For how long each ended task record has read the same: swept after ENDED_KEEP_MS of it. */
  private readonly endedSeen: ChangeSeen;
  private readonly loggedUnknown = new Set<string>(); // unknown files already logged, once each text
  private sendingSeq = 0;
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
  private readonly log: Logger;

  constructor(private readonly deps: TaskBoardDeps) {
    this.log = deps.log ?? silentLogger;
    this.leases = new Leases(deps.fs, deps.clock, deps.windowId, deps.leaseMs ?? LEASE_MS, this.log);
    this.sendingSeen = new ChangeSeen(deps.clock);
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

  /** Owners a window is sending a change to (a live record, or one that cannot be read: left alone). */
  sendingOwnerIds(): Set<string> {
    return new Set([...this.sending].filter(([groupId, entry]) => !this.isStale(groupId, entry)).map(([groupId]) => groupId));
  }

  /** Records the task as this window last saw it (written only when it changed). */
  put(task: TrackedTask): Promise<void> {
    const text = JSON.stringify({ state: 'running', task: taskToRecord(task) });
    if (this.records.get(task.key)?.text === text) return Promise.resolve();
    const record = parseTaskRecord(text);
    if (record) this.records.set(task.key, { text, record });
    return this.enqueue(fileName(TASK_PREFIX, task.key), (name) => this.deps.fs.write(name, text));
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
   * Records that this window is about to send a change to the owner, unless another one is: resolves false
   * when a live sending record of another window is there. A dead one is replaced atomically. Rejects when the
   * folder cannot be read or written (deps.unavailable), or the record there cannot be read (deps.unreadable).
   */
  claimOwner(claim: OwnerClaim): Promise<boolean> {
    const { ownerId, kind, profileId } = claim;
    const name = fileName(SENDING_PREFIX, ownerId);
    let claimed = false;
    let failure: unknown;
    return this.enqueue(name, async () => {
      // `groupId` names the owner on disk, as the first release wrote it (it knew only groups).
      const text = this.sendingText({ state: 'sending', groupId: ownerId, kind, profileId, sentAt: this.deps.clock.now(), owner: this.deps.windowId });
      try {
        claimed = await this.claim(ownerId, name, text);
      } catch (error) {
        this.log.warn(`could not record the change to ${ownerId} (${error instanceof Error ? error.message : String(error)}): refusing it`);
        failure = error;
        return;
      }
      if (claimed) this.sending.set(ownerId, { text, record: parseSending(text) ?? UNKNOWN });
    }).then(() => {
      if (failure instanceof UnreadableRecord) throw this.deps.unreadable?.(failure.fileName) ?? failure;
      if (failure !== undefined) throw this.deps.unavailable?.(failure) ?? new Error(`the shared task folder cannot be used: ${String(failure)}`);
      return claimed;
    });
  }

  private async claim(groupId: string, name: string, text: string): Promise<boolean> {
    if (await this.deps.fs.create(name, text)) return true;
    const current = await this.deps.fs.read(name);
    // Gone between the two calls (released): one more exclusive create decides.
    if (current === undefined) return this.deps.fs.create(name, text);
    const existing = readSending(current);
    if (existing === UNKNOWN) throw new UnreadableRecord(name);
    if (existing?.owner === this.deps.windowId) {
      // This window's own record (a retry after a lost answer): the window's own set already guards it.
      await this.deps.fs.write(name, text);
      return true;
    }
    if (existing === undefined || !this.isStale(groupId, { text: current, record: existing })) return false;
    this.log.info(`the sending record of ${groupId} has not changed for its bound (window ${existing.owner}): replacing it`);
    return this.deps.fs.replace(name, current, text);
  }

  /** This window's sending record as written: a new seq on every renewal, and this window's own bound. */
  private sendingText(record: SendingRecord): string {
    this.sendingSeq++;
    return JSON.stringify({ ...record, version: RECORD_VERSION, seq: this.sendingSeq, holdMs: this.deps.sendingStaleMs() });
  }

  /** Rewrites this window's sending records, so other windows see that it lives (it is still sending or settling). */
  private renewSending(): void {
    for (const [groupId, entry] of this.sending) {
      if (entry.record === UNKNOWN || entry.record.owner !== this.deps.windowId) continue;
      const name = fileName(SENDING_PREFIX, groupId);
      void this.enqueue(name, async () => {
        const current = this.sending.get(groupId);
        if (current?.record === UNKNOWN || current?.record.owner !== this.deps.windowId) return;
        const onDisk = readSending(await this.deps.fs.read(name));
        if (onDisk === UNKNOWN || onDisk?.owner !== this.deps.windowId) return;
        const text = this.sendingText({ ...current.record, sentAt: onDisk.sentAt });
        await this.deps.fs.write(name, text);
        this.sending.set(groupId, { text, record: parseSending(text) ?? UNKNOWN });
      });
    }
  }

  /** This window's sending record of the owner carries its unsettled write from now on (and on every renewal). */
  markUnsettled(ownerId: string, write: Omit<UnsettledWrite, 'liveMs'>): Promise<void> {
    const unsettled: UnsettledWrite = { ...write, liveMs: this.deps.leaseMs ?? LEASE_MS };
    return this.enqueue(fileName(SENDING_PREFIX, ownerId), async (name) => {
      const current = this.sending.get(ownerId);
      if (current?.record === UNKNOWN || current?.record.owner !== this.deps.windowId) return;
      const text = this.sendingText({ ...current.record, unsettled });
      await this.deps.fs.write(name, text);
      this.sending.set(ownerId, { text, record: parseSending(text) ?? UNKNOWN });
    });
  }

  /** Owners whose unsettled write's window is gone (its record unchanged for its live bound): to be settled here. */
  deadUnsettled(): Map<string, UnsettledWrite> {
    const dead = new Map<string, UnsettledWrite>();
    for (const [id, { record, text }] of this.sending) {
      if (record !== UNKNOWN && record.unsettled && this.isStale(id, { record, text }, record.unsettled.liveMs)) dead.set(id, record.unsettled);
    }
    return dead;
  }

  /** Takes a gone window's unsettled write over atomically: resolves it when this window won the record. */
  adoptOwner(ownerId: string): Promise<UnsettledWrite | undefined> {
    let adopted: UnsettledWrite | undefined;
    return this.enqueue(fileName(SENDING_PREFIX, ownerId), async (name) => {
      const entry = this.sending.get(ownerId);
      const unsettled = entry?.record === UNKNOWN ? undefined : entry?.record.unsettled;
      if (!entry || entry.record === UNKNOWN || !unsettled || !this.isStale(ownerId, entry, unsettled.liveMs)) return;
      const text = this.sendingText({ ...entry.record, owner: this.deps.windowId, sentAt: this.deps.clock.now() });
      if (!(await this.deps.fs.replace(name, entry.text, text))) return;
      this.log.info(`the unsettled change to ${ownerId} of window ${entry.record.owner} (gone) is settled by this window`);
      this.sending.set(ownerId, { text, record: parseSending(text) ?? UNKNOWN });
      adopted = unsettled;
    }).then(() => adopted);
  }

  /** The change was recorded as a task, or clearly not sent: the owner's sending record goes (if still this window's). */
  releaseOwner(ownerId: string): Promise<void> {
    const name = fileName(SENDING_PREFIX, ownerId);
    if (this.isMine(this.sending.get(ownerId))) this.sending.delete(ownerId);
    return this.enqueue(name, async () => {
      if (parseSending(await this.deps.fs.read(name))?.owner === this.deps.windowId) await this.deps.fs.remove(name);
    });
  }

  private isMine(entry: SendingEntry | undefined): boolean {
    return entry !== undefined && entry.record !== UNKNOWN && entry.record.owner === this.deps.windowId;
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
      this.log.warn(`cannot read the shared task folder: ${String(error)}`);
      return;
    }
    // A write queued before the listing may land after it, and one queued during the scan after its read.
    const writesBefore = new Map(this.localWrites);
    const pendingBefore = new Set(this.pending.keys());
    const keepMemory = (name: string): boolean =>
      this.pending.has(name) || pendingBefore.has(name) || this.localWrites.get(name) !== writesBefore.get(name);
    let changed = false;
    const onDisk = new Set<string>();
    const sendingOnDisk = new Map<string, SendingEntry>();
    for (const name of names) {
      const key = idOf(TASK_PREFIX, name);
      const groupId = idOf(SENDING_PREFIX, name);
      if (key !== undefined) {
        onDisk.add(key);
        if (this.pending.has(name)) continue;
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
      } else if (groupId !== undefined) {
        const text = await this.deps.fs.read(name);
        const record = readSending(text);
        if (text === undefined || record === undefined || keepMemory(name)) continue;
        if (record === UNKNOWN) this.logUnknown(name, text, 'the group stays locked');
        sendingOnDisk.set(groupId, { text, record });
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
    // Judged at the end, not when each file was read: a claim or a release of this window during the scan wins over
    // what the scan read before it (a release must not be undone by a read of the file it is removing).
    for (const groupId of new Set([...sendingOnDisk.keys(), ...this.sending.keys()])) {
      if (!keepMemory(fileName(SENDING_PREFIX, groupId))) continue;
      const mine = this.sending.get(groupId);
      if (mine) sendingOnDisk.set(groupId, mine);
      else sendingOnDisk.delete(groupId);
    }
    // The texts are always taken (liveness is judged by them); listeners hear only of a lock taken or given up.
    if (!sameSending(this.sending, sendingOnDisk)) changed = true;
    this.sending.clear();
    sendingOnDisk.forEach((entry, groupId) => this.sending.set(groupId, entry));
    if (changed && !this.disposed) this.listeners.forEach((listener) => listener());
  }

  private scheduleRescan(): void {
    if (this.disposed) return;
    this.timer = this.deps.clock.setTimer(() => {
      this.renewSending();
      void this.rescan().finally(() => this.scheduleRescan());
    }, this.deps.rescanMs ?? RESCAN_MS);
  }

  /**
   * Stale: another window's record that has not changed for its writer's bound, on this window's monotonic clock
   * (a record of an older version, without a bound, by this window's). Never this window's own, never unknown.
   */
  private isStale(groupId: string, entry: SendingEntry, boundMs?: number): boolean {
    if (entry.record === UNKNOWN || this.isMine(entry)) return false;
    return this.sendingSeen.unchangedFor(groupId, entry.text) >= (boundMs ?? entry.record.holdMs ?? this.deps.sendingStaleMs());
  }

  private logUnknown(name: string, text: string, consequence: string): void {
    if (this.loggedUnknown.has(text)) return;
    this.loggedUnknown.add(text);
    this.log.warn(`${name} cannot be read (torn, or written by a newer version): left alone, ${consequence}`);
  }

  private enqueue(name: string, work: (name: string) => Promise<void>): Promise<void> {
    this.pending.set(name, (this.pending.get(name) ?? 0) + 1);
    this.localWrites.set(name, (this.localWrites.get(name) ?? 0) + 1);
    const done = this.writes.then(() => work(name));
    this.writes = done
      .catch((error: unknown) => this.log.warn(`could not update the shared task folder (${name}): ${String(error)}`))
      .finally(() => {
        const count = (this.pending.get(name) ?? 1) - 1;
        if (count > 0) this.pending.set(name, count);
        else this.pending.delete(name);
      });
    return done.catch(() => undefined);
  }
}
