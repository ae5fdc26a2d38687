import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeBoardFs } from '../../../src/network/tracking/nodeBoardFs';
import type { BoardFs } from '../../../src/tasks/shared/boardFs';
import { TaskBoard } from '../../../src/tasks/shared/taskBoard';
import { fileName, LEASE_PREFIX, SENDING_PREFIX } from '../../../src/tasks/shared/taskRecords';
import { FakeClock } from '../support/fakeClock';
import { loggerInto } from '../../support/recordingLogger';

/**
 * The board's promises on real files: two windows are two boards on one folder, with the machine's one FakeClock.
 * The boards are not started (no timers): each claim reads the folder itself.
 */
describe('network/the shared board on disk: locks that hold', () => {
  let root: string;
  let dir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'board-integrity-'));
    dir = path.join(root, 'tasks');
    fs.mkdirSync(dir);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const GROUP = 'pgrogrp-1';
  const claim = { ownerId: GROUP, kind: 'addNetwork' as const, profileId: 'work' };
  function board(clock: FakeClock, windowId: string, sendingStaleMs: number, options: { fs?: BoardFs; log?: string[] } = {}): TaskBoard {
    return new TaskBoard({
      fs: options.fs ?? nodeBoardFs(dir),
      clock,
      windowId,
      sendingStaleMs: () => sendingStaleMs,
      log: options.log && loggerInto(options.log),
      unavailable: (error) => new Error(`The shared task folder ${dir} cannot be used: ${String(error)}`),
      unreadable: (file) => new Error(`The lock file ${path.join(dir, file)} cannot be read`),
    });
  }
  /** The folder with each operation started after a random few turns: the two windows interleave differently each round. */
  function jittery(real: BoardFs): BoardFs {
    const turns = async (): Promise<void> => {
      for (let i = Math.floor(Math.random() * 10); i > 0; i--) await new Promise<void>((resolve) => setImmediate(resolve));
    };
    const delayed = <A extends unknown[], R>(operation: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
      await turns();
      return operation(...args);
    };
    return { ...real, list: delayed(real.list), read: delayed(real.read), write: delayed(real.write), create: delayed(real.create), replace: delayed(real.replace), remove: delayed(real.remove) };
  }
  function writeRaw(name: string, text: string): void {
    fs.writeFileSync(path.join(dir, name), text);
  }

  describe("a sending record carries its writer's bound", () => {
    it('a window with a 1 s settle window does not take a group another window is settling for 600 s', async () => {
      const clock = new FakeClock();
      const a = board(clock, 'a', 600_000 + 60_000 + 30_000);
      const b = board(clock, 'b', 1_000 + 60_000 + 30_000);
      assert.equal(await a.owners.claimOwner(claim), true);
      assert.equal(await b.owners.claimOwner(claim), false);
      await clock.advance(200_000);
      assert.equal(await b.owners.claimOwner(claim), false, "B honours A's own bound, not its own 91 s");
      await b.rescan();
      assert.deepEqual([...b.owners.sendingOwnerIds()], [GROUP]);
      await clock.advance(600_000);
      assert.equal(await b.owners.claimOwner(claim), true, "past A's own bound with no change, A's window is gone");
    });

    it('a +140 s wall-clock step does not free a group (no second Create)', async () => {
      const clock = new FakeClock();
      const a = board(clock, 'a', 180_000);
      const b = board(clock, 'b', 180_000);
      assert.equal(await a.owners.claimOwner(claim), true);
      assert.equal(await b.owners.claimOwner(claim), false);
      await clock.advance(60_000);
      clock.jumpWallClock(140_000);
      assert.equal(await b.owners.claimOwner(claim), false);
      await b.rescan();
      assert.deepEqual([...b.owners.sendingOwnerIds()], [GROUP]);
      clock.jumpWallClock(-10 * 60_000);
      assert.equal(await b.owners.claimOwner(claim), false, 'nor a step back');
    });
  });

  describe('fails closed when the folder cannot be used', () => {
    it('refuses the change with words that name the folder and the error when the disk is full', async () => {
      const clock = new FakeClock();
      const real = nodeBoardFs(dir);
      const full: BoardFs = {
        ...real,
        write: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
        create: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })),
      };
      for (const window of [board(clock, 'a', 60_000, { fs: full }), board(clock, 'b', 60_000, { fs: full })]) {
        await assert.rejects(window.owners.claimOwner(claim), (error: Error) => error.message.includes(dir) && error.message.includes('ENOSPC'));
      }
    });

    it('refuses the change when the folder cannot be read (its path is not a folder)', async () => {
      const clock = new FakeClock();
      fs.rmSync(dir, { recursive: true });
      fs.writeFileSync(dir, 'not a folder');
      for (const window of [board(clock, 'a', 60_000), board(clock, 'b', 60_000)]) {
        await assert.rejects(window.owners.claimOwner(claim), (error: Error) => error.message.includes(dir) && /ENOTDIR|EEXIST/.test(error.message));
      }
    });
  });

  describe('takeover of a dead record is atomic', () => {
    const ROUNDS = 200;

    it('of two windows replacing the same dead sending record, exactly one wins, round after round', async () => {
      const clock = new FakeClock();
      const a = board(clock, 'a', 1000, { fs: jittery(nodeBoardFs(dir)) });
      const b = board(clock, 'b', 1000, { fs: jittery(nodeBoardFs(dir)) });
      for (let round = 0; round < ROUNDS; round++) {
        const groupId = `pgrogrp-${round}`;
        const name = fileName(SENDING_PREFIX, groupId);
        writeRaw(name, JSON.stringify({ state: 'sending', groupId, kind: 'addNetwork', sentAt: 0, owner: 'dead' }));
        const winners = new Set<string>();
        // Both read it now (it has not been seen unchanged for its bound yet), then both once it is dead.
        for (const wait of [0, 1001]) {
          await clock.advance(wait);
          const won = await Promise.all([a.owners.claimOwner({ ...claim, ownerId: groupId }), b.owners.claimOwner({ ...claim, ownerId: groupId })]);
          won.forEach((claimed, i) => claimed && winners.add(['a', 'b'][i]));
        }
        assert.equal(winners.size, 1, `round ${round}: won by ${[...winners].join(', ')}`);
        const owner = (JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { owner: string }).owner;
        assert.deepEqual([owner], [...winners], `round ${round}: the winner's record is the one on disk`);
      }
    });

    it('of two windows taking the same dead lease, exactly one wins, round after round', async () => {
      const clock = new FakeClock();
      const a = board(clock, 'a', 1000, { fs: jittery(nodeBoardFs(dir)) });
      const b = board(clock, 'b', 1000, { fs: jittery(nodeBoardFs(dir)) });
      for (let round = 0; round < ROUNDS; round++) {
        const key = `ap-guangzhou/task/${round}`;
        writeRaw(fileName(LEASE_PREFIX, key), JSON.stringify({ owner: 'dead', expiresAt: 0, seq: 1 }));
        const winners = new Set<string>();
        for (const wait of [0, a.leases.leaseMs]) {
          await clock.advance(wait);
          const won = await Promise.all([a.leases.take(key), b.leases.take(key)]);
          won.forEach((taken, i) => taken && winners.add(['a', 'b'][i]));
        }
        assert.equal(winners.size, 1, `round ${round}: won by ${[...winners].join(', ')}`);
        const holders = await Promise.all([a.leases.stillHolds(key), b.leases.stillHolds(key)]);
        assert.deepEqual(holders.filter(Boolean).length, 1, `round ${round}: the winner's lease is the one on disk`);
      }
    });
  });

  describe('a record that cannot be read is left alone, and said so', () => {
    const unreadable = {
      torn: '{"state":"sending","groupId":"pgrogrp-1","ki',
      'from a newer version': JSON.stringify({ state: 'sending', version: 99, groupId: GROUP, kind: 'addNetwork', sentAt: 0, owner: 'x' }),
      'of an unknown kind': JSON.stringify({ state: 'sending', groupId: GROUP, kind: 'resizeNetwork', sentAt: 0, owner: 'x' }),
    };
    for (const [what, text] of Object.entries(unreadable)) {
      it(`a sending record ${what} keeps the group locked`, async () => {
        const clock = new FakeClock();
        const log: string[] = [];
        const a = board(clock, 'a', 1000, { log });
        writeRaw(fileName(SENDING_PREFIX, GROUP), text);
        const refusal = (error: Error): boolean => error.message.includes(path.join(dir, fileName(SENDING_PREFIX, GROUP)));
        await assert.rejects(a.owners.claimOwner(claim), refusal, 'refused, with the file named');
        await clock.advance(60 * 60_000);
        await assert.rejects(a.owners.claimOwner(claim), refusal, 'an hour later, still left alone');
        await a.rescan();
        assert.deepEqual([...a.owners.sendingOwnerIds()], [GROUP]);
        assert.ok(log.some((line) => line.includes(fileName(SENDING_PREFIX, GROUP)) && line.includes('left alone')), log.join('\n'));
        assert.equal(fs.readFileSync(path.join(dir, fileName(SENDING_PREFIX, GROUP)), 'utf8'), text);
      });
    }

    it("a claim that starts and ends while the folder is listed is kept, though the listing missed its file", async () => {
      const clock = new FakeClock();
      const real = nodeBoardFs(dir);
      let listed!: () => void;
      const listingHeld = new Promise<void>((resolve) => (listed = resolve));
      let listingStarted!: () => void;
      const listing = new Promise<void>((resolve) => (listingStarted = resolve));
      // The folder is listed before the claim's file exists, and the listing comes back only after the claim.
      const slowList: BoardFs = {
        ...real,
        list: async () => {
          const names = await real.list();
          listingStarted();
          await listingHeld;
          return names;
        },
      };
      const a = board(clock, 'a', 1000, { fs: slowList });
      const scan = a.rescan();
      await listing;
      assert.equal(await a.owners.claimOwner(claim), true);
      listed();
      await scan;
      assert.deepEqual([...a.owners.sendingOwnerIds()], [GROUP], 'the scan kept the claim it could not have seen');
    });

    it('a lease that cannot be read is not taken', async () => {
      const clock = new FakeClock();
      const log: string[] = [];
      const a = board(clock, 'a', 1000, { log });
      const key = 'ap-guangzhou/task/900';
      writeRaw(fileName(LEASE_PREFIX, key), '{"owner":"b","seq":');
      assert.equal(await a.leases.take(key), false);
      await clock.advance(60 * 60_000);
      assert.equal(await a.leases.take(key), false);
      assert.ok(log.some((line) => line.includes(key) && line.includes('left alone')), log.join('\n'));
    });
  });
});
