import * as assert from 'node:assert/strict';
import { ownerItems, subnetItems, tccliCommand, usedIpMessage, vipProblem, vpcItems } from '../../../src/network/add/addNetworkItems';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import { isSeparator } from '../../../src/wizard/prompter';
import { formatEnglish as t } from '../../../src/domain/translate';
import { group, network, primaryInstance, subnets, vpcs } from '../support/fakes';

describe('wizard/Add Network items', () => {
  it("puts the group's VPC first, with its CIDR, name and subnet count", () => {
    const items = vpcItems(vpcs, subnets, readOnlyGroupOwner(group()), t);
    assert.deepEqual(items.map((item) => item.label), ['main', 'analytics', 'empty']);
    assert.equal(items[0].description, '10.0.0.0/16 · vpc-main');
    assert.equal(items[0].detail, 'The VPC of reporting · 3 subnets · Default VPC');
    assert.equal(items[1].detail, '1 subnet');
    assert.equal(items[2].unavailableReason, 'This VPC has no subnets.');
  });

  it("lists only the VPC's subnets, the group's subnet first, then its zone, with zone, CIDR and free addresses", () => {
    const items = subnetItems(subnets, 'vpc-main', readOnlyGroupOwner(group()), t);
    assert.deepEqual(items.map((item) => item.label), ['a', 'full', 'b']);
    assert.equal(items[0].description, 'ap-guangzhou-3 · 10.0.1.0/24 · subnet-a');
    assert.equal(items[0].detail, 'The subnet of reporting · 250 free IP addresses · reporting already has a network here');
    assert.equal(items[1].unavailableReason, 'This subnet has no free IP address.');
    assert.equal(items[2].unavailableReason, undefined);
  });

  it('offers the instance itself, then its groups, each saying why it cannot take a network', () => {
    const full = group({ id: 'g-full', name: 'full', networks: [network(), network({ ip: '10.0.1.9' })] });
    const busy = group({ id: 'g-busy', name: 'busy', status: 'modifying' });
    const tracked = group({ id: 'g-tracked', name: 'tracked' });
    const entries = ownerItems(primaryInstance({ status: 'isolated' }), [group(), full, busy, tracked], new Set(['g-tracked']), t);
    const items = entries.filter((entry) => !isSeparator(entry));
    assert.deepEqual(items.map((item) => (isSeparator(item) ? '' : item.unavailableReason)), [
      'The instance orders is "isolated": its networks can change only when it is Running.',
      undefined,
      'full already has 2 networks, the most it can have: remove one before adding another.',
      'The read-only group busy is "modifying": its networks can change only when it is OK.',
      'A network change is already in progress on tracked.',
    ]);
  });

  it("puts the instance's own VPC and subnet first when the network is for the instance", () => {
    const instance = primaryInstanceOwner(primaryInstance({ vpcId: 'vpc-other', subnetId: 'subnet-x', zone: 'ap-guangzhou-3' }));
    assert.equal(vpcItems(vpcs, subnets, instance, t)[0].label, 'analytics');
    assert.equal(subnetItems(subnets, 'vpc-other', instance, t)[0].detail, 'The subnet of orders · 100 free IP addresses');
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
    const context = { pickGroup: false, region: 'ap-guangzhou', owner: readOnlyGroupOwner(group()), vpc: vpcs[1], subnet: subnets[1], vipMode: 'auto' as const, vip: '10.0.1.9' };
    assert.equal(
      tccliCommand(context),
      "tccli postgres CreateReadOnlyGroupNetworkAccess --region='ap-guangzhou' --ReadOnlyGroupId='pgrogrp-1' --VpcId='vpc-main' --SubnetId='subnet-a' --IsAssignVip='False'",
    );
  });

  it("writes the instance's own create action for a network of the primary", () => {
    const context = { pickGroup: false, owner: primaryInstanceOwner(primaryInstance()), vpc: vpcs[1], subnet: subnets[1], vipMode: 'specify' as const, vip: '10.0.1.9' };
    assert.equal(
      tccliCommand(context),
      "tccli postgres CreateDBInstanceNetworkAccess --region='ap-guangzhou' --DBInstanceId='postgres-1' --VpcId='vpc-main' --SubnetId='subnet-a' --IsAssignVip='True' --Vip='10.0.1.9'",
    );
  });
});
