import * as assert from 'node:assert/strict';
import type { FindEntry } from '../../../src/explorer/findMatch';
import { findMatches, RunningFind } from '../../../src/explorer/findMatch';

/** A small account: primaries, their groups and networks, in the order a walk brings them (region by region). */
function account(): FindEntry[] {
  const entries: FindEntry[] = [];
  for (const region of ['ap-shanghai', 'ap-guangzhou']) {
    for (let p = 0; p < 6; p++) {
      const primary: FindEntry = { kind: 'primary', key: `${region}/p${p}`, region, primaryId: `postgres-${p}${region.length}`, primaryName: `orders-${p}` };
      entries.push(primary);
      for (let g = 0; g < 3; g++) {
        const group: FindEntry = { ...primary, kind: 'group', key: `${primary.key}/g${g}`, groupId: `pgrogrp-${p}${g}`, groupName: g === 1 ? 'reporting' : `copy-${g}` };
        entries.push(group, { ...group, kind: 'network', key: `${group.key}/n`, vip: `10.${p}.${g}.1${region.length % 3}`, port: 5432 });
      }
    }
  }
  return entries;
}

const QUERIES = ['1', '10.1', 'reporting', 'orders-3 reporting', 'postgres-1', 'ap-guangzhou 5432', 'nothing-here'];

describe('explorer/findMatch: RunningFind', () => {
  it('gives, batch after batch, what matching everything added so far gives, in the same order', () => {
    for (const query of QUERIES) {
      for (const limit of [5, 200]) {
        const running = new RunningFind<FindEntry>();
        const added: FindEntry[] = [];
        const entries = account();
        for (let start = 0; start < entries.length; start += 7) {
          for (const entry of entries.slice(start, start + 7)) {
            running.add(entry);
            added.push(entry);
          }
          assert.deepEqual(running.results(query, limit), findMatches(query, added, limit), `"${query}" (limit ${limit}) after ${added.length} entries`);
        }
      }
    }
  });

  it('starts over when the query changes, and an entry added again takes the place of the one it replaces', () => {
    const running = new RunningFind<FindEntry>();
    const entries = account();
    for (const entry of entries) running.add(entry);
    assert.deepEqual(running.results('reporting'), findMatches('reporting', entries));
    // The same node read again (a Refresh under the pick): renamed, it no longer matches, and shows once at most.
    const renamed = { ...entries[3], groupName: 'renamed' };
    running.add(renamed);
    const now = entries.map((entry) => (entry.key === renamed.key ? renamed : entry));
    assert.deepEqual(running.results('reporting'), findMatches('reporting', now));
    assert.deepEqual(running.results('copy'), findMatches('copy', now));
    assert.equal(running.size, entries.length);
  });

  it('matches only the entries added since the last call while the query stays the same', () => {
    const running = new RunningFind<FindEntry>();
    let reads = 0;
    const counted = (entry: FindEntry): FindEntry =>
      new Proxy(entry, {
        get(target, property, receiver) {
          reads++;
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
    const entries = account();
    for (const entry of entries.slice(0, 30)) running.add(counted(entry));
    running.results('1');
    reads = 0;
    running.results('1');
    assert.equal(reads, 0, 'nothing new: nothing is matched again');
    running.add(counted(entries[30]));
    running.results('1');
    const perEntry = reads;
    assert.ok(perEntry > 0, 'the new entry is matched');
    reads = 0;
    for (const entry of entries.slice(31, 33)) running.add(counted(entry));
    running.results('1');
    assert.ok(reads <= 3 * perEntry, `two new entries cost about two entries' reads, not the account's (${reads} reads)`);
  });
});
