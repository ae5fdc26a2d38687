import * as assert from 'node:assert/strict';
import { leftOutText, splitExportable, splitExportableInTurns } from '../../../src/asCode/leftOut';
import { scopeOf } from '../../../src/asCode/scope';
import { formatEnglish } from '../../../src/domain/translate';

const group = { id: 'pgrogrp-1', name: 'reporting', region: 'ap-guangzhou', primaryInstanceId: 'postgres-1', networks: [] };

describe('asCode: what an export covers and leaves out', () => {
  it('keeps VPC networks with a VIP and a port, and counts the others by reason', () => {
    const { exportable, leftOut } = splitExportable([
      { group, network: { vpcId: 'vpc-1', subnetId: 'subnet-1', ip: '10.0.1.5', port: 5432 } },
      { group, network: { vpcId: '0', subnetId: '0', ip: '10.0.1.6', port: 5432 } },
      { group, network: { vpcId: '', subnetId: '', ip: '10.0.1.7', port: 5432 } },
      { group, network: { vpcId: 'vpc-1', subnetId: 'subnet-1', ip: '', port: 5432 } },
    ]);
    assert.deepEqual(exportable.map((item) => item.network.ip), ['10.0.1.5']);
    assert.deepEqual([...leftOut], [['notVpc', 2], ['noIpv4Vip', 1]]);
    assert.equal(leftOutText(leftOut, formatEnglish), '3 networks were left out, as they cannot be recreated: 2 not in a VPC, 1 without an IPv4 VIP.');
  });

  it('in turns, gives what splitExportable gives on a whole account, and lets a timer due meanwhile run', async () => {
    const listed = Array.from({ length: 9_001 }, (_, i) => ({
      group,
      network: { vpcId: i % 7 === 0 ? '0' : 'vpc-1', subnetId: 'subnet-1', ip: i % 11 === 0 ? '' : `10.0.${i >> 8}.${i & 255}`, port: 5432 },
    }));
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const inTurns = splitExportableInTurns(listed);
    assert.equal(timerRan, false);
    const { exportable, leftOut } = await inTurns;
    assert.ok(timerRan, 'the event loop turned while the networks were checked');
    const atOnce = splitExportable(listed);
    assert.deepEqual(exportable, atOnce.exportable);
    assert.deepEqual([...leftOut], [...atOnce.leftOut]);
  });

  it('names the scope of a region, an instance and a group node, by shape, and of nothing else', () => {
    assert.equal(scopeOf({ kind: 'region', regionId: 'ap-guangzhou' }, formatEnglish), 'region ap-guangzhou');
    assert.equal(scopeOf({ instance: { id: 'postgres-1', name: 'orders', region: 'ap-guangzhou', networks: [] } }, formatEnglish), 'instance orders (postgres-1)');
    assert.equal(scopeOf({ instance: { id: 'postgres-2', name: '', region: 'ap-guangzhou', networks: [] } }, formatEnglish), 'instance postgres-2');
    assert.equal(scopeOf({ group }, formatEnglish), 'read-only group reporting (pgrogrp-1)');
    const owner = { kind: 'readOnlyGroup', group };
    assert.equal(scopeOf({ owner, network: { ip: '10.0.1.5', port: 5432 } }, formatEnglish), undefined, 'a network is no scope');
    assert.equal(scopeOf(undefined, formatEnglish), undefined);
    assert.equal(scopeOf({ something: 'else' }, formatEnglish), undefined);
  });
});
