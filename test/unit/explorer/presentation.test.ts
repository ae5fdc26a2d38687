import assert from 'node:assert/strict';
import { readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../../../src/domain/model';
import {
  groupAccessibilityLabel,
  groupContextValue,
  groupDescription,
  groupTooltip,
  networkAddress,
  networkContextValue,
  networkDescription,
  networkTooltip,
  primaryDescription,
} from '../../../src/explorer/presentation';
import { escapeMarkdown } from '../../../src/ui/markdown';
import { formatEnglish as t } from '../../../src/domain/translate';
import * as fakes from '../support/fakes';

/** The shared fakes, on this file's VPC and subnet (the texts below name them). */
function network(overrides: Partial<GroupNetwork> = {}): GroupNetwork {
  return fakes.network({ vpcId: 'vpc-a1', subnetId: 'subnet-b2', ip: '10.0.1.17', ...overrides });
}

function group(overrides: Partial<ReadOnlyGroup> = {}): ReadOnlyGroup {
  return fakes.group({ vpcId: 'vpc-a1', subnetId: 'subnet-b2', networks: [network()], ...overrides });
}

const words = (contextValue: string): string[] => contextValue.split(' ');

describe('explorer presentation', () => {
  describe('group context value', () => {
    it('marks an ok group with one network as able to take another', () => {
      assert.deepEqual(words(groupContextValue(group())), ['roGroup', 'ok', 'canAddNetwork']);
    });

    it('marks a group with two networks full, and not able to take more', () => {
      const value = words(groupContextValue(group({ networks: [network(), network({ ip: '10.0.2.5', subnetId: 'subnet-c3' })] })));
      assert.deepEqual(value, ['roGroup', 'ok', 'full']);
    });

    it('drops ok and canAddNetwork while the group is changing, and says it is busy', () => {
      assert.deepEqual(words(groupContextValue(group({ status: 'modifying' }))), ['roGroup', 'busy']);
    });

    it('matches the menu expression only where "Add network" applies', () => {
      const addNetworkWhen = /^roGroup\b.*\bcanAddNetwork\b/;
      assert.ok(addNetworkWhen.test(groupContextValue(group())));
      assert.ok(!addNetworkWhen.test(groupContextValue(group({ status: 'creating' }))));
      assert.ok(!addNetworkWhen.test(groupContextValue(group({ networks: [network(), network({ ip: '10.0.0.9' })] }))));
    });
  });

  describe('network context value', () => {
    it('makes one of two settled networks removable', () => {
      const two = group({ networks: [network(), network({ ip: '10.0.2.5' })] });
      assert.deepEqual(words(networkContextValue(readOnlyGroupOwner(two), two.networks[1])), ['network', 'vpc', 'removable']);
    });

    it('never makes the last network removable', () => {
      const one = group();
      assert.deepEqual(words(networkContextValue(readOnlyGroupOwner(one), one.networks[0])), ['network', 'vpc']);
    });

    it('keeps a network that is opening from being removed, and marks it busy', () => {
      const two = group({ networks: [network(), network({ ip: '10.0.2.5', status: 'opening' })] });
      assert.deepEqual(words(networkContextValue(readOnlyGroupOwner(two), two.networks[1])), ['network', 'vpc', 'busy']);
    });
  });

  describe('labels and descriptions', () => {
    it('describes a group by status and network count, with the activity first', () => {
      assert.equal(groupDescription(group(), t), 'OK · 1/2 networks');
      assert.equal(groupDescription(group({ status: 'deleting', networks: [] }), t, 'Removing network…'), 'Removing network… · Deleting · 0/2 networks');
    });

    it('keeps an unknown group status as the API gave it', () => {
      assert.equal(groupDescription(group({ status: 'isolated' }), t), 'isolated · 1/2 networks');
    });

    it('labels a network by ip:port, falling back to its domain name', () => {
      assert.equal(networkAddress(network()), '10.0.1.17:5432');
      assert.equal(networkAddress(network({ ip: '', address: 'pg.example.internal' })), 'pg.example.internal:5432');
    });

    it('describes a network by VPC, subnet and type, with its status unless open', () => {
      assert.equal(networkDescription(network(), t), 'vpc-a1 / subnet-b2 · Private network');
      assert.equal(networkDescription(network({ status: 'closing', netType: 'public' }), t), 'vpc-a1 / subnet-b2 · Public network · Closing');
    });

    it('shows a primary instance id only when its name hides it', () => {
      const instance: PrimaryInstance = {
        id: 'postgres-1',
        name: 'orders',
        region: 'ap-guangzhou',
        zone: 'ap-guangzhou-3',
        status: 'running',
        vpcId: 'vpc-a1',
        subnetId: 'subnet-b2',
        version: '15.1',
        readOnlyInstanceCount: 2,
        networks: [],
      };
      assert.equal(primaryDescription(instance, t), 'postgres-1 · running · PostgreSQL 15.1');
      assert.equal(primaryDescription({ ...instance, name: '', version: '' }, t), 'running');
    });

    it('gives screen readers the whole state of a group', () => {
      assert.equal(groupAccessibilityLabel(group(), t), 'Read-only group reporting, status OK, 1 of 2 networks');
    });
  });

  describe('tooltips', () => {
    it('names the VPC and subnet when the names are known', () => {
      const names = { vpcName: (id: string) => (id === 'vpc-a1' ? 'prod' : undefined), subnetName: () => undefined };
      const tooltip = groupTooltip(group(), t, names);
      assert.match(tooltip, /\| VPC \| prod \(`vpc-a1`\) \|/);
      assert.match(tooltip, /\| Subnet \| `subnet-b2` \|/);
      assert.match(tooltip, /`pgrogrp-1`/);
      assert.match(tooltip, /ap\\-guangzhou \/ ap\\-guangzhou\\-3/);
    });

    it('cannot be broken out of by a hostile group name', () => {
      const tooltip = groupTooltip(group({ name: 'x | [click](command:evil) `y`' }), t);
      assert.ok(!tooltip.includes('[click](command:evil)'));
      assert.ok(tooltip.includes('x \\| \\[click\\]\\(command:evil\\) \\`y\\`'));
    });

    it('gives a network its address, status, type and group', () => {
      const tooltip = networkTooltip(readOnlyGroupOwner(group()), network({ address: 'pg.internal' }), t);
      for (const expected of ['`10.0.1.17:5432`', 'Open', 'Private network', '`pg.internal`', '`pgrogrp-1`']) {
        assert.ok(tooltip.includes(expected), `missing ${expected} in ${tooltip}`);
      }
    });

    it('says why Add Network or Remove Network is not offered, where it is not', () => {
      const one = network();
      const two = network({ ip: '10.0.1.18' });
      const strip = (markdown: string) => markdown.replace(/\\/g, '');
      assert.match(strip(networkTooltip(readOnlyGroupOwner(group({ networks: [one] })), one, t)), /keeps at least one network/);
      assert.match(strip(networkTooltip(readOnlyGroupOwner(group({ networks: [one, two], status: 'modifying' })), one, t)), /can change only when it is OK/);
      assert.match(strip(networkTooltip(readOnlyGroupOwner(group({ networks: [one, network({ status: 'opening' })] })), network({ status: 'opening' }), t)), /wait until it settles/);
      assert.doesNotMatch(strip(networkTooltip(readOnlyGroupOwner(group({ networks: [one, two] })), one, t)), /keeps at least|only when it is OK|wait until it settles/);
      assert.match(strip(groupTooltip(group({ networks: [one, two] }), t)), /already has 2 networks, the most it can have/);
      assert.match(strip(groupTooltip(group({ networks: [one], status: 'modifying' }), t)), /can change only when it is OK/);
      assert.doesNotMatch(strip(groupTooltip(group({ networks: [one] }), t)), /the most it can have|only when it is OK/);
    });

    it('escapes every Markdown special character', () => {
      assert.equal(escapeMarkdown('a*b_c#d'), 'a\\*b\\_c\\#d');
    });
  });
});
