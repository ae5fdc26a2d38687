import * as assert from 'node:assert/strict';
import type { PrimaryInstance } from '../../../src/domain/model';
import {
  canAddNetworkTo,
  canRemoveNetworkFrom,
  ownerAcceptsChanges,
  ownerConsoleUrl,
  ownerId,
  ownerNetworkLimits,
  ownerNetworks,
  ownerPrimaryInstanceId,
  ownerRegion,
  primaryInstanceOwner,
  readOnlyGroupOwner,
  unreachableOwner,
  type NetworkOwner,
} from '../../../src/domain/networkOwner';
import { group, network } from '../support/fakes';

function instance(overrides: Partial<PrimaryInstance> = {}): PrimaryInstance {
  return {
    id: 'postgres-9',
    name: 'orders',
    region: 'ap-shanghai',
    zone: 'ap-shanghai-2',
    status: 'running',
    vpcId: 'vpc-main',
    subnetId: 'subnet-a',
    version: '15',
    readOnlyInstanceCount: 0,
    networks: [network({ ip: '10.0.1.10' })],
    ...overrides,
  };
}

const publicAddress = network({ ip: '', vpcId: '', subnetId: '', address: 'postgres-9.sql.tencentcdb.com', netType: 'public' });

describe('domain/networkOwner', () => {
  const groupOwner = readOnlyGroupOwner(group());
  const instanceOwner = primaryInstanceOwner(instance());

  it('names each owner by the id, region and primary the API asks for', () => {
    assert.deepEqual([ownerId(groupOwner), ownerRegion(groupOwner), ownerPrimaryInstanceId(groupOwner)], ['pgrogrp-1', 'ap-guangzhou', 'postgres-1']);
    assert.deepEqual([ownerId(instanceOwner), ownerRegion(instanceOwner), ownerPrimaryInstanceId(instanceOwner)], ['postgres-9', 'ap-shanghai', 'postgres-9']);
  });

  it("links to the primary's console page, the group's too", () => {
    assert.equal(ownerConsoleUrl('intl', groupOwner), 'https://console.tencentcloud.com/postgres/instance/detail?region=ap-guangzhou&instanceId=postgres-1');
    assert.equal(ownerConsoleUrl('china', instanceOwner), 'https://console.cloud.tencent.com/postgres/instance/detail?region=ap-shanghai&instanceId=postgres-9');
  });

  it("counts a primary's private networks only: its public address is not one the actions change", () => {
    const withPublic = primaryInstanceOwner(instance({ networks: [network({ ip: '10.0.1.10' }), publicAddress] }));
    assert.deepEqual(ownerNetworks(withPublic).map((n) => n.ip), ['10.0.1.10']);
    assert.deepEqual(ownerNetworks(groupOwner).map((n) => n.ip), ['10.0.1.4']);
    assert.deepEqual(ownerNetworkLimits(groupOwner), { min: 1, max: 2 });
    assert.deepEqual(ownerNetworkLimits(instanceOwner), { min: 1, max: 2 });
  });

  it('accepts changes on an ok group and a running instance only', () => {
    assert.equal(ownerAcceptsChanges(groupOwner), true);
    assert.equal(ownerAcceptsChanges(readOnlyGroupOwner(group({ status: 'modifying' }))), false);
    assert.equal(ownerAcceptsChanges(instanceOwner), true);
    assert.equal(ownerAcceptsChanges(primaryInstanceOwner(instance({ status: 'isolated' }))), false);
    assert.equal(ownerAcceptsChanges(primaryInstanceOwner(instance({ status: 'network changing' }))), false);
  });

  it('Add Network: refused by status first, then when full; the public address leaves room', () => {
    assert.deepEqual(canAddNetworkTo(instanceOwner), { ok: true });
    assert.deepEqual(canAddNetworkTo(primaryInstanceOwner(instance({ networks: [network({ ip: '10.0.1.10' }), publicAddress] }))), { ok: true });
    const full = [network({ ip: '10.0.1.10' }), network({ ip: '10.0.1.11' })];
    assert.deepEqual(canAddNetworkTo(primaryInstanceOwner(instance({ networks: full }))), { ok: false, reason: 'full' });
    assert.deepEqual(canAddNetworkTo(primaryInstanceOwner(instance({ status: 'isolated', networks: full }))), { ok: false, reason: 'status' });
    assert.deepEqual(canAddNetworkTo(readOnlyGroupOwner(group({ networks: full }))), { ok: false, reason: 'full' });
  });

  it('Remove Network: the last network stays, then status, then a network still changing', () => {
    const two = [network({ ip: '10.0.1.10' }), network({ ip: '10.0.1.11', status: 'opening' })];
    assert.deepEqual(canRemoveNetworkFrom(instanceOwner, instance().networks[0]), { ok: false, reason: 'lastNetwork' });
    assert.deepEqual(
      canRemoveNetworkFrom(primaryInstanceOwner(instance({ networks: [network({ ip: '10.0.1.10' }), publicAddress] })), network({ ip: '10.0.1.10' })),
      { ok: false, reason: 'lastNetwork' },
      'the public address does not count as the other network',
    );
    assert.deepEqual(canRemoveNetworkFrom(primaryInstanceOwner(instance({ networks: two })), two[0]), { ok: true });
    assert.deepEqual(canRemoveNetworkFrom(primaryInstanceOwner(instance({ networks: two })), two[1]), { ok: false, reason: 'networkBusy' });
    assert.deepEqual(canRemoveNetworkFrom(primaryInstanceOwner(instance({ status: 'restarting', networks: two })), two[0]), { ok: false, reason: 'status' });
    assert.deepEqual(canRemoveNetworkFrom(readOnlyGroupOwner(group({ networks: two })), two[0]), { ok: true });
  });

  it('a switch that forgets an owner does not compile, and fails loudly if forced to run', () => {
    // Compile-time half: without the @ts-expect-error below, `tsc -p .` refuses this file.
    const forgetful = (owner: NetworkOwner): string => {
      switch (owner.kind) {
        case 'readOnlyGroup':
          return owner.group.id;
        default:
          // @ts-expect-error the primary instance is not handled, so `owner` is not `never` here
          return unreachableOwner(owner);
      }
    };
    assert.equal(forgetful(groupOwner), 'pgrogrp-1');
    assert.throws(() => forgetful(instanceOwner), /Unknown network owner/);
  });
});
