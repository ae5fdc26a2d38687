import * as assert from 'node:assert/strict';
import type { GroupNetwork, ReadOnlyGroup } from '../../../src/domain/model';
import { canAddNetworkTo, canRemoveNetworkFrom, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import { isTransitionalNetworkStatus } from '../../../src/domain/networkRules';

function network(ip: string, status = 'opened'): GroupNetwork {
  return { vpcId: 'vpc-1', subnetId: 'subnet-1', ip, port: 5432, address: '', netType: 'private', status, protocolType: '' };
}

function group(status: string, networks: GroupNetwork[]): ReadOnlyGroup {
  return {
    id: 'pgrogrp-1', name: 'reports', region: 'ap-guangzhou', zone: 'ap-guangzhou-3', primaryInstanceId: 'postgres-1',
    projectId: 0, vpcId: 'vpc-1', subnetId: 'subnet-1', status, readOnlyInstanceIds: [], networks,
  };
}

describe('domain/networkRules', () => {
  it('lets an ok group with room take a network', () => {
    assert.deepEqual(canAddNetworkTo(readOnlyGroupOwner(group('ok', []))), { ok: true });
    assert.deepEqual(canAddNetworkTo(readOnlyGroupOwner(group('ok', [network('10.0.0.2')]))), { ok: true });
  });

  it('refuses a third network and a busy group', () => {
    assert.deepEqual(canAddNetworkTo(readOnlyGroupOwner(group('ok', [network('10.0.0.2'), network('10.0.0.3')]))), { ok: false, reason: 'full' });
    assert.deepEqual(canAddNetworkTo(readOnlyGroupOwner(group('modifying', []))), { ok: false, reason: 'status' });
  });

  it('keeps the last network', () => {
    const only = network('10.0.0.2');
    assert.deepEqual(canRemoveNetworkFrom(readOnlyGroupOwner(group('ok', [only])), only), { ok: false, reason: 'lastNetwork' });
  });

  it('removes one of two settled networks of an ok group only', () => {
    const first = network('10.0.0.2');
    const changing = network('10.0.0.3', 'opening');
    assert.deepEqual(canRemoveNetworkFrom(readOnlyGroupOwner(group('ok', [first, network('10.0.0.3')])), first), { ok: true });
    assert.deepEqual(canRemoveNetworkFrom(readOnlyGroupOwner(group('modifying', [first, changing])), first), { ok: false, reason: 'status' });
    assert.deepEqual(canRemoveNetworkFrom(readOnlyGroupOwner(group('ok', [first, changing])), changing), { ok: false, reason: 'networkBusy' });
  });

  it('knows which network statuses settle by themselves', () => {
    assert.deepEqual(
      ['opening', 'closing', 'initing', 'opened', 'closed', ''].map(isTransitionalNetworkStatus),
      [true, true, true, false, false, false],
    );
  });
});
