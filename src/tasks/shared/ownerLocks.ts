import type { Clock } from '../../domain/clock';
import type { Logger } from '../../domain/logger';
import type { TaskKind } from '../trackedTask';
import type { BoardFs } from './boardFs';
import type { BoardWrites } from './boardWrites';
import { ChangeSeen } from './changeSeen';
import type { SendingEntry } from './sendingEntries';
import { sameSending, UnreadableRecord } from './sendingEntries';
import type { SendingRecord } from './taskRecords';
import { fileName, parseSending, readSending, RECORD_VERSION, SENDING_PREFIX, UNKNOWN } from './taskRecords';
import type { UnsettledWrite } from './unsettledRecord';

/** A claim on an owner of networks (a read-only group or a primary instance, by id) before a change is sent. */
export interface OwnerClaim {
  readonly ownerId: string;
  readonly kind: TaskKind;
  readonly profileId?: string;
}

export interface OwnerLocksDeps {
  readonly fs: BoardFs;
  readonly clock: Clock;
  readonly windowId: string;
  readonly writes: BoardWrites;
  /** How long this window's sending records stand unchanged (request timeout + settle window + margin), written in each. */
  readonly sendingStaleMs: () => number;
  /** How long a gone window's unsettled write waits unrenewed before another window settles it. */
  readonly liveMs: number;
  readonly unavailable?: (error: unknown) => Error;
  readonly unreadable?: (fileName: string) => Error;
  readonly log: Logger;
}

/**
 * The sending records of the shared folder: which window is sending a change to which owner (and, once its answer
 * was lost, the write still to be settled). One file per owner, created exclusively, so two windows never send to
 * one owner at once; this window renews its own, and a record left unchanged past its writer's bound is dead.
 * The folder's scan (TaskBoard) reads the files and hands them over with `takeScan`.
 */
export class OwnerLocks {
  private readonly sending = new Map<string, SendingEntry>();
  /** For how long each other window's sending record has read the same. */
  private readonly seen: ChangeSeen;
  private seq = 0;

  constructor(private readonly deps: OwnerLocksDeps) {
    this.seen = new ChangeSeen(deps.clock);
  }

  /** Owners a window is sending a change to (a live record, or one that cannot be read: left alone). */
  sendingOwnerIds(): Set<string> {
    return new Set([...this.sending].filter(([ownerId, entry]) => !this.isStale(ownerId, entry)).map(([ownerId]) => ownerId));
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
    return this.deps.writes.enqueue(name, async () => {
      // `groupId` names the owner on disk, as the first release wrote it (it knew only groups).
      const text = this.recordText({ state: 'sending', groupId: ownerId, kind, profileId, sentAt: this.deps.clock.now(), owner: this.deps.windowId });
      try {
        claimed = await this.claim(ownerId, name, text);
      } catch (error) {
        this.deps.log.warn(`could not record the change to ${ownerId} (${error instanceof Error ? error.message : String(error)}): refusing it`);
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

  /** This window's sending record of the owner carries its unsettled write from now on (and on every renewal). */
  markUnsettled(ownerId: string, write: Omit<UnsettledWrite, 'liveMs'>): Promise<void> {
    const unsettled: UnsettledWrite = { ...write, liveMs: this.deps.liveMs };
    return this.deps.writes.enqueue(fileName(SENDING_PREFIX, ownerId), async (name) => {
      const current = this.sending.get(ownerId);
      if (!this.isMine(current)) return;
      await this.write(ownerId, name, { ...current.record, unsettled });
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
    return this.deps.writes.enqueue(fileName(SENDING_PREFIX, ownerId), async (name) => {
      const entry = this.sending.get(ownerId);
      const unsettled = entry?.record === UNKNOWN ? undefined : entry?.record.unsettled;
      if (!entry || entry.record === UNKNOWN || !unsettled || !this.isStale(ownerId, entry, unsettled.liveMs)) return;
      const text = this.recordText({ ...entry.record, owner: this.deps.windowId, sentAt: this.deps.clock.now() });
      if (!(await this.deps.fs.replace(name, entry.text, text))) return;
      this.deps.log.info(`the unsettled change to ${ownerId} of window ${entry.record.owner} (gone) is settled by this window`);
      this.sending.set(ownerId, { text, record: parseSending(text) ?? UNKNOWN });
      adopted = unsettled;
    }).then(() => adopted);
  }

  /** The change was recorded as a task, or clearly not sent: the owner's sending record goes (if still this window's). */
  releaseOwner(ownerId: string): Promise<void> {
    const name = fileName(SENDING_PREFIX, ownerId);
    if (this.isMine(this.sending.get(ownerId))) this.sending.delete(ownerId);
    return this.deps.writes.enqueue(name, async () => {
      if (parseSending(await this.deps.fs.read(name))?.owner === this.deps.windowId) await this.deps.fs.remove(name);
    });
  }

  /** Rewrites this window's sending records, so other windows see that it lives (it is still sending or settling). */
  renew(): void {
    for (const [ownerId, entry] of this.sending) {
      if (!this.isMine(entry)) continue;
      const name = fileName(SENDING_PREFIX, ownerId);
      void this.deps.writes.enqueue(name, async () => {
        const current = this.sending.get(ownerId);
        if (!this.isMine(current)) return;
        const onDisk = readSending(await this.deps.fs.read(name));
        if (onDisk === UNKNOWN || onDisk?.owner !== this.deps.windowId) return;
        await this.write(ownerId, name, { ...current.record, sentAt: onDisk.sentAt });
      });
    }
  }

  /**
   * The sending records a scan read (`onDisk`, by owner) become what this window knows; `keepMemory` says which
   * files this window wrote meanwhile. Judged at the end, not when each file was read: a claim or a release of this
   * window during the scan wins over what the scan read before it (a release must not be undone by a read of the
   * file it is removing). True when a lock was taken or given up (a renewal changes no lock).
   */
  takeScan(onDisk: Map<string, SendingEntry>, keepMemory: (name: string) => boolean): boolean {
    for (const ownerId of new Set([...onDisk.keys(), ...this.sending.keys()])) {
      if (!keepMemory(fileName(SENDING_PREFIX, ownerId))) continue;
      const mine = this.sending.get(ownerId);
      if (mine) onDisk.set(ownerId, mine);
      else onDisk.delete(ownerId);
    }
    // The texts are always taken (liveness is judged by them).
    const changed = !sameSending(this.sending, onDisk);
    this.sending.clear();
    onDisk.forEach((entry, ownerId) => this.sending.set(ownerId, entry));
    return changed;
  }

  private async claim(ownerId: string, name: string, text: string): Promise<boolean> {
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
    if (existing === undefined || !this.isStale(ownerId, { text: current, record: existing })) return false;
    this.deps.log.info(`the sending record of ${ownerId} has not changed for its bound (window ${existing.owner}): replacing it`);
    return this.deps.fs.replace(name, current, text);
  }

  /** Writes this window's record of the owner anew and remembers it. */
  private async write(ownerId: string, name: string, record: SendingRecord): Promise<void> {
    const text = this.recordText(record);
    await this.deps.fs.write(name, text);
    this.sending.set(ownerId, { text, record: parseSending(text) ?? UNKNOWN });
  }

  /** This window's sending record as written: a new seq on every renewal, and this window's own bound. */
  private recordText(record: SendingRecord): string {
    this.seq++;
    return JSON.stringify({ ...record, version: RECORD_VERSION, seq: this.seq, holdMs: this.deps.sendingStaleMs() });
  }

  private isMine(entry: SendingEntry | undefined): entry is { readonly text: string; readonly record: SendingRecord } {
    return entry !== undefined && entry.record !== UNKNOWN && entry.record.owner === this.deps.windowId;
  }

  /**
   * Stale: another window's record that has not changed for its writer's bound, on this window's monotonic clock
   * (a record of an older version, without a bound, by this window's). Never this window's own, never unknown.
   */
  private isStale(ownerId: string, entry: SendingEntry, boundMs?: number): boolean {
    if (entry.record === UNKNOWN || this.isMine(entry)) return false;
    return this.seen.unchangedFor(ownerId, entry.text) >= (boundMs ?? entry.record.holdMs ?? this.deps.sendingStaleMs());
  }
}
