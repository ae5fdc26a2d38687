import * as assert from 'node:assert/strict';
import { groupItems, subnetItems, tccliCommand, usedIpMessage, vipProblem, vpcItems } from '../../../src/network/add/addNetworkItems';
import { formatEnglish as t } from '../../../src/domain/translate';
import { group, network, subnets, vpcs } from '../support/fakes';

describe('wizard/Add Network items', () => {
  it("puts the group's VPC first, with its CIDR, name and subnet count", () => {
    const items = vpcItems(vpcs, subnets, group(), t);
    assert.deepEqual(items.map((item) => item.label), ['main', 'analytics', 'empty']);
    assert.equal(items[0].description, '10.0.0.0/16 · vpc-main');
    assert.equal(items[0].detail, "The group's current VPC · 3 subnets · Default VPC");
    assert.equal(items[1].detail, '1 subnet');
    assert.equal(items[2].unavailableReason, 'This VPC has no subnets.');
  });

  it("lists only the VPC's subnets, the group's subnet first, then its zone, with zone, CIDR and free addresses", () => {
    const items = subnetItems(subnets, 'vpc-main', group(), t);
    assert.deepEqual(items.map((item) => item.label), ['a', 'full', 'b']);
    assert.equal(items[0].description, 'ap-guangzhou-3 · 10.0.1.0/24 · subnet-a');
    assert.equal(items[0].detail, "The group's current subnet · 250 free IP addresses · The group already has a network here");
    assert.equal(items[1].unavailableReason, 'This subnet has no free IP address.');
    assert.equal(items[2].unavailableReason, undefined);
  });

  it('says why a group cannot take a network', () => {
    const full = group({ id: 'g-full', networks: [network(), network({ ip: '10.0.1.9' })] });
    const busy = group({ id: 'g-busy', status: 'modifying' });
    const tracked = group({ id: 'g-tracked' });
    const items = groupItems([group(), full, busy, tracked], new Set(['g-tracked']), t);
    assert.deepEqual(items.map((item) => item.unavailableReason), [
      undefined,
      'It already has 2 networks, the most a read-only group can have.',
      'Its status is "modifying": a network can be added only when the group is OK.',
      'A network change is already in progress on this group.',
    ]);
  });

  it('checks a typed VIP: empty, not IPv4, outside the subnet, reserved, fine', () => {
    assert.equal(vipProblem('', '10.0.1.0/24', t), 'Type an IPv4 address, for example 10.0.1.254.');
    assert.equal(vipProblem('10.0.1.300', '10.0.1.0/24', t), '"10.0.1.300" is not an IPv4 address.');
    assert.equal(vipProblem('10.0.2.5', '10.0.1.0/24', t), '10.0.2.5 is outside the subnet 10.0.1.0/24.');
    for (const reserved of ['10.0.1.0', '10.0.1.1', '10.0.1.255']) {
      assert.match(vipProblem(reserved, '10.0.1.0/24', t) ?? '', /is reserved in 10\.0\.1\.0\/24/);
    }
    assert.equal(vipProblem(' 10.0.1.7 ', '10.0.1.0/24', t), undefined);
  });

  it('names what holds an address in use', () => {
    assert.equal(
      usedIpMessage({ ip: '10.0.1.5', vpcId: 'v', subnetId: 's', resourceType: 'CVM', resourceId: 'ins-1' }, t),
      '10.0.1.5 is already used by CVM ins-1. Choose another address.',
    );
    assert.equal(
      usedIpMessage({ ip: '10.0.1.5', vpcId: 'v', subnetId: 's', resourceType: '', resourceId: '' }, t),
      '10.0.1.5 is already in use. Choose another address.',
    );
  });

  it('writes the tccli command for an automatic VIP', () => {
    const context = { pickGroup: false, region: 'ap-guangzhou', group: group(), vpc: vpcs[1], subnet: subnets[1], vipMode: 'auto' as const, vip: '10.0.1.9' };
    assert.equal(
      tccliCommand(context),
      "tccli postgres CreateReadOnlyGroupNetworkAccess --region='ap-guangzhou' --ReadOnlyGroupId='pgrogrp-1' --VpcId='vpc-main' --SubnetId='subnet-a' --IsAssignVip='False'",
    );
  });
});
