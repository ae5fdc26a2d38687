import type { Clock } from '../../domain/clock';
import type { BoardFs } from './boardFs';
import { fileName, LEASE_PREFIX, parseLease } from './taskRecords';

/**
 * Which window polls a task: the one holding its lease file. A lease is taken by creating the file exclusively;
 * a lease past its expiry is removed and taken again, and the taker reads the file back, because two windows
 * may have judged the same lease stale at once: the lease on disk is the one that counts. The holder renews it
 * well before it expires and stops polling as soon as it finds another owner there.
 *
 * Clock jumps: expiry is stored as wall time (the only time windows share), so a lease also counts as dead when
 * its file has not changed for two lease periods on this window's monotonic clock. A wall clock set back cannot
 * keep a dead lease alive; one set forward may let a window take a live lease early, and its holder then yields
 * at its next renewal (one renewal period of double polling at worst).
 */
export class Leases {
  /** Leases this window holds, with the seq it last wrote. */
  private readonly held = new Map<string, number>();
  /** Leases of other windows as last read, and since when (monotonic) they have read the same. */
  private readonly seen = new Map<string, { text: string; since: number }>();
  private seq = 0;

  constructor(
    private readonly fs: BoardFs,
    private readonly clock: Clock,
    private readonly owner: string,
    readonly leaseMs: number,
  ) {}

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
    if (current !== undefined) {
      if (!this.expired(key, current)) return false;
      // Removed only if it is still the same stale lease, not one another window has just taken.
      if ((await this.fs.read(name)) !== current) return false;
      await this.fs.remove(name);
    }
    const mine = this.record();
    if (!(await this.fs.create(name, mine))) return false;
    if ((await this.fs.read(name)) !== mine) return false;
    this.held.set(key, this.seq);
    this.seen.delete(key);
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
    this.seen.delete(key);
  }

  private expired(key: string, text: string): boolean {
    const lease = parseLease(text);
    if (!lease) return true;
    const now = this.clock.monotonic();
    let seen = this.seen.get(key);
    if (!seen || seen.text !== text) {
      seen = { text, since: now };
      this.seen.set(key, seen);
    }
    return this.clock.now() > lease.expiresAt || now - seen.since >= 2 * this.leaseMs;
  }

  private record(): string {
    this.seq++;
    return JSON.stringify({ owner: this.owner, expiresAt: this.clock.now() + this.leaseMs, seq: this.seq });
  }
}
