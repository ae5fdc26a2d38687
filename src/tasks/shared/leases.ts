import type { Clock } from '../../domain/clock';
import type { BoardFs } from './boardFs';
import { ChangeSeen } from './changeSeen';
import { fileName, LEASE_PREFIX, parseLease, readLease, RECORD_VERSION, UNKNOWN } from './taskRecords';
import { silentLogger, type Logger } from '../../domain/logger';

/**
 * Which window polls a task: the one holding its lease file. A lease is taken by creating the file exclusively;
 * a dead one is replaced atomically (BoardFs.replace: of two windows that judged it dead at once, one wins). The
 * holder renews it every third of its period and stops polling as soon as it finds another owner there.
 *
 * Dead means: not changed for the writer's own lease period, as this window's monotonic clock measures it. No
 * wall clock takes part, so a clock set forward or back neither takes a live lease nor keeps a dead one. A lease
 * that does not parse (torn, or a newer version's) is left alone and logged: its task is not polled here.
 */
export class Leases {
  /** Leases this window holds, with the seq it last wrote. */
  private readonly held = new Map<string, number>();
  /** Leases of other windows as last read, and for how long they have read the same. */
  private readonly seen: ChangeSeen;
  /** Unknown lease texts already logged (once each). */
  private readonly logged = new Set<string>();
  private seq = 0;

  constructor(
    private readonly fs: BoardFs,
    private readonly clock: Clock,
    private readonly owner: string,
    readonly leaseMs: number,
    private readonly log: Logger = silentLogger,
  ) {
    this.seen = new ChangeSeen(clock);
  }

  holds(key: string): boolean {
    return this.held.has(key);
  }

  heldKeys(): string[] {
    return [...this.held.keys()];
  }

  /** A task this window has just started: no other window knows its key yet, so it is held at once. */
  async claimNew(key: string): Promise<void> {
    const text = this.record();
    this.held.set(key, this.seq);
    if (!(await this.fs.create(fileName(LEASE_PREFIX, key), text))) this.held.delete(key);
  }

  /** Takes the lease when nobody holds it or its holder's lease has run out; resolves true when taken. */
  async take(key: string): Promise<boolean> {
    if (this.held.has(key)) return true;
    const name = fileName(LEASE_PREFIX, key);
    const current = await this.fs.read(name);
    const mine = this.record();
    const taken = current === undefined ? await this.fs.create(name, mine) : this.expired(key, current) && (await this.fs.replace(name, current, mine));
    if (!taken) return false;
    this.held.set(key, this.seq);
    this.seen.forget(key);
    return true;
  }

  /** Renews every lease held; resolves the keys whose lease another window has taken meanwhile. */
  async renew(): Promise<string[]> {
    const lost: string[] = [];
    for (const key of [...this.held.keys()]) {
      if (await this.stillHolds(key)) {
        await this.fs.write(fileName(LEASE_PREFIX, key), this.record());
        this.held.set(key, this.seq);
      } else {
        this.held.delete(key);
        lost.push(key);
      }
    }
    return lost;
  }

  /** Reads the lease back: true when it is still this window's. */
  async stillHolds(key: string): Promise<boolean> {
    if (!this.held.has(key)) return false;
    const lease = parseLease(await this.fs.read(fileName(LEASE_PREFIX, key)));
    return lease?.owner === this.owner;
  }

  async release(key: string): Promise<void> {
    if (!this.held.delete(key)) return;
    const name = fileName(LEASE_PREFIX, key);
    if (parseLease(await this.fs.read(name))?.owner === this.owner) await this.fs.remove(name);
  }

  /** Forgets what was seen of a lease whose task is gone. */
  forget(key: string): void {
    this.seen.forget(key);
  }

  /** Dead: unchanged for the writer's lease period on this window's clock. Unknown: never dead, logged once. */
  private expired(key: string, text: string): boolean {
    const lease = readLease(text);
    if (lease === UNKNOWN) {
      if (!this.logged.has(text)) this.log.warn(`the lease of ${key} cannot be read (torn, or from a newer version): left alone, the task is not polled here`);
      this.logged.add(text);
      return false;
    }
    return this.seen.unchangedFor(key, text) >= (lease?.leaseMs ?? this.leaseMs);
  }

  private record(): string {
    this.seq++;
    // expiresAt: older versions judge a lease by it.
    return JSON.stringify({ version: RECORD_VERSION, owner: this.owner, seq: this.seq, leaseMs: this.leaseMs, expiresAt: this.clock.now() + this.leaseMs });
  }
}
