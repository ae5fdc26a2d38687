import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import type { ExportedNetwork } from '../../../src/export/exportedNetwork';
import { tccliScript } from '../../../src/export/tccliScript';
import { FakeTccli } from './shellRunner';

const generatedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

function item(overrides: { group?: Partial<ExportedNetwork['group']>; network?: Partial<ExportedNetwork['network']> } = {}): ExportedNetwork {
  return {
    group: { id: 'pgrogrp-4t9c6g7k', name: 'reports', region: 'ap-guangzhou', primaryInstanceId: 'postgres-abc', ...overrides.group },
    network: { vpcId: 'vpc-gaestjaf', subnetId: 'subnet-4s9dejli', ip: '10.0.0.5', port: 5432, ...overrides.network },
  };
}

function syntaxCheck(script: string): void {
  const result = spawnSync('/bin/sh', ['-n'], { input: script });
  assert.equal(result.status, 0, result.stderr.toString('utf8'));
}

describe('export/tccliScript', () => {
  let fake: FakeTccli;
  beforeEach(() => {
    fake = new FakeTccli();
  });
  afterEach(() => fake.dispose());

  it('starts with the interpreter, a header with regions, scope and time, then set -eu', () => {
    const script = tccliScript({ networks: [item(), item({ group: { region: 'ap-beijing' } })], scope: 'All regions', generatedAt });
    assert.deepEqual(script.split('\n').slice(0, 7), [
      '#!/bin/sh',
      '# Recreates TencentDB for PostgreSQL read-only group networks with tccli (CreateReadOnlyGroupNetworkAccess).',
      '# Regions: ap-beijing, ap-guangzhou',
      '# Scope: All regions',
      '# Generated at: 2026-01-02T03:04:05.000Z',
      '# Networks: 2',
      'set -eu',
    ]);
    assert.ok(script.endsWith('\n'));
  });

  it('recreates each network with its own region and VIP, in order', () => {
    const networks = [
      item(),
      item({ group: { id: 'pgrogrp-2', region: 'ap-shanghai' }, network: { vpcId: 'vpc-2', subnetId: 'subnet-2', ip: '172.16.0.9' } }),
    ];
    const script = tccliScript({ networks, scope: 'x', generatedAt });
    syntaxCheck(script);
    const { calls, status, stderr } = fake.run(script);
    assert.equal(status, 0, stderr);
    const create = ['postgres', 'CreateReadOnlyGroupNetworkAccess'];
    assert.deepEqual(calls, [
      [...create, '--region', 'ap-guangzhou', '--ReadOnlyGroupId', 'pgrogrp-4t9c6g7k', '--VpcId', 'vpc-gaestjaf', '--SubnetId', 'subnet-4s9dejli', '--IsAssignVip', 'True', '--Vip', '10.0.0.5'],
      [...create, '--region', 'ap-shanghai', '--ReadOnlyGroupId', 'pgrogrp-2', '--VpcId', 'vpc-2', '--SubnetId', 'subnet-2', '--IsAssignVip', 'True', '--Vip', '172.16.0.9'],
    ]);
  });

  it('keeps names and values with quotes, spaces, $(...), backticks and Chinese out of the code', () => {
    const hostileName = "报表 'group'\n touch pwned-name $(touch pwned-sub) `touch pwned-tick`";
    const networks = [
      item({ group: { name: hostileName, id: "pgrogrp-'x' $(touch pwned-id)" }, network: { vpcId: '`touch pwned-vpc`', subnetId: '子网 "a b"' } }),
    ];
    const script = tccliScript({ networks, scope: 'scope\ntouch pwned-scope', generatedAt });
    syntaxCheck(script);
    const { calls, status, stderr } = fake.run(script);
    assert.equal(status, 0, stderr);
    assert.deepEqual(calls, [
      [
        'postgres', 'CreateReadOnlyGroupNetworkAccess',
        '--region', 'ap-guangzhou',
        '--ReadOnlyGroupId', "pgrogrp-'x' $(touch pwned-id)",
        '--VpcId', '`touch pwned-vpc`',
        '--SubnetId', '子网 "a b"',
        '--IsAssignVip', 'True',
        '--Vip', '10.0.0.5',
      ],
    ]);
    // Nothing the names held was run: the work folder is still empty.
    assert.deepEqual(readdirSync(fake.work), []);
  });

  it('stops at the first failing command', () => {
    const script = tccliScript({ networks: [item(), item({ group: { id: 'second' } })], scope: 'x', generatedAt });
    const failing = script.replace('#!/bin/sh\n', '#!/bin/sh\ntccli() { printf "%s\\0" "$#" "$@"; return 1; }\n');
    const { calls, status } = fake.run(failing);
    assert.notEqual(status, 0);
    assert.equal(calls.length, 1);
  });

  it('is a valid script with no command when there is nothing to export', () => {
    const script = tccliScript({ networks: [], scope: 'empty', generatedAt });
    syntaxCheck(script);
    assert.match(script, /^# Regions: -$/m);
    assert.deepEqual(fake.run(script).calls, []);
  });

  it('passes every value through unchanged for any names and ids', () => {
    const text = fc.string({ unit: 'binary', maxLength: 16 }).filter((value) => !value.includes('\0'));
    const network = fc.record({
      group: fc.record({ id: text, name: text, region: text, primaryInstanceId: text }),
      network: fc.record({ vpcId: text, subnetId: text, ip: text, port: fc.integer({ min: 0, max: 70000 }) }),
    });
    fc.assert(
      fc.property(fc.array(network, { maxLength: 3 }), text, (networks, scope) => {
        const { calls, status } = fake.run(tccliScript({ networks, scope, generatedAt }));
        assert.equal(status, 0);
        assert.deepEqual(
          calls.map((call) => [call[3], call[5], call[7], call[9], call[13]]),
          networks.map(({ group, network: n }) => [group.region, group.id, n.vpcId, n.subnetId, n.ip]),
        );
        assert.equal(existsSync(fake.work) && readdirSync(fake.work).length, 0);
      }),
      { numRuns: 30 },
    );
  });
});
