import * as assert from 'node:assert/strict';
import type { FindEntry } from '../../../src/explorer/findMatch';
import { findMatches, queryWords } from '../../../src/explorer/findMatch';

const primary: FindEntry = { kind: 'primary', key: 'p', region: 'ap-guangzhou', primaryId: 'postgres-0p4qrebe', primaryName: 'orders-prod' };
const group: FindEntry = { ...primary, kind: 'group', key: 'g', groupId: 'pgrogrp-4t9c6g7k', groupName: 'reporting' };
const network: FindEntry = { ...group, kind: 'network', key: 'n', vip: '10.0.1.10', port: 5432 };
const otherNetwork: FindEntry = { ...group, kind: 'network', key: 'n2', vip: '10.0.1.100', port: 5432 };
const elsewhere: FindEntry = {
  kind: 'group',
  key: 'g2',
  region: 'ap-shanghai',
  primaryId: 'postgres-9zz',
  primaryName: 'billing',
  groupId: 'pgrogrp-aaaa',
  groupName: 'orders-copy',
};
const all = [elsewhere, otherNetwork, network, group, primary];

const keys = (query: string): string[] => findMatches(query, all).map((result) => result.entry.key);

describe('explorer/findMatch', () => {
  it('splits the query into lower-case words, a VIP:PORT into both', () => {
    assert.deepEqual(queryWords('  Reporting  10.0.1.10:5432 '), ['reporting', '10.0.1.10', '5432']);
  });

  it('matches nothing for an empty query', () => {
    assert.deepEqual(findMatches('   ', all), []);
  });

  it('puts the network with exactly that VIP first, then those it is a prefix of', () => {
    assert.deepEqual(keys('10.0.1.10'), ['n', 'n2']);
    assert.deepEqual(keys('10.0.1.10:5432'), ['n', 'n2']);
  });

  it('puts the group of an exact id first, then its networks (found through their parent)', () => {
    assert.deepEqual(keys('PGROGRP-4T9C6G7K'), ['g', 'n', 'n2']);
  });

  it('puts the instance of an exact id first, then what is below it', () => {
    assert.deepEqual(keys('postgres-0p4qrebe'), ['p', 'g', 'n', 'n2']);
  });

  it('matches names, ranks a thing by its own name before what is below it, and ties by region', () => {
    // "orders" starts the instance's name and the Shanghai group's name; the Guangzhou group is only below it.
    assert.deepEqual(keys('orders'), ['p', 'g2', 'g', 'n', 'n2']);
    assert.deepEqual(keys('port'), ['g', 'n', 'n2'], 'inside a name');
  });

  it('needs every word to match', () => {
    assert.deepEqual(keys('reporting 10.0.1.100'), ['n2']);
    assert.deepEqual(keys('reporting billing'), []);
  });

  it('caps the results', () => {
    assert.equal(findMatches('ap', all, 2).length, 2);
  });
});
