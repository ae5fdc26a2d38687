import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import type { ExportedNetwork } from '../../../src/export/exportedNetwork';
import { tccliScript } from '../../../src/export/tccliScript';
import { FakeTccli } from './shellRunner';

const generatedAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
/** No real waiting in tests: the script's poll interval comes from the environment. */
const FAST = { TCCLI_TASK_POLL_SECONDS: '0' };

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

/** Each call as "Action key=value ...", the way a reader of the script would list them. */
function actions(calls: string[][]): string[] {
  return calls.map((call) => `${call[1]} ${call.slice(2).map((arg) => arg.replace(/^--/, '')).join(' ')}`);
}

const create = (group: string, vpc: string, subnet: string, vip: string, region = 'ap-guangzhou'): string =>
  `CreateReadOnlyGroupNetworkAccess region=${region} ReadOnlyGroupId=${group} VpcId=${vpc} SubnetId=${subnet} IsAssignVip=True Vip=${vip} output=text filter=FlowId`;
const poll = (task: number, region = 'ap-guangzhou'): string => `DescribeTasks region=${region} TaskId=${task} output=text filter=TaskSet[0].Status`;

describe('export/tccliScript', () => {
  let fake: FakeTccli;
  beforeEach(() => {
    fake = new FakeTccli();
  });
  afterEach(() => fake.dispose());

  it('starts with the interpreter, a header with regions, scope and time, then set -eu', () => {
    const script = tccliScript({ networks: [item(), item({ group: { id: 'g2', region: 'ap-beijing' } })], scope: 'All regions', generatedAt });
    assert.deepEqual(script.split('\n').slice(0, 8), [
      '#!/bin/sh',
      '# Recreates TencentDB for PostgreSQL read-only group networks with tccli (CreateReadOnlyGroupNetworkAccess),',
      '# one change per group at a time: each round waits until its tasks end (DescribeTasks).',
      '# Regions: ap-beijing, ap-guangzhou',
      '# Scope: All regions',
      '# Generated at: 2026-01-02T03:04:05.000Z',
      '# Networks: 2',
      'set -eu',
    ]);
  });

  it('changes a group with two networks one at a time: the second create waits until the first task succeeded', () => {
    const networks = [item(), item({ network: { vpcId: 'vpc-2', subnetId: 'subnet-2', ip: '172.16.0.9' } })];
    const script = tccliScript({ networks, scope: 'x', generatedAt });
    syntaxCheck(script);
    const { calls, status, stderr, stdout } = fake.run(script, { ...FAST, FAKE_TCCLI_TASK_STATUSES: 'Running,Running,Success' });
    assert.equal(status, 0, stderr);
    assert.deepEqual(actions(calls), [
      create('pgrogrp-4t9c6g7k', 'vpc-gaestjaf', 'subnet-4s9dejli', '10.0.0.5'),
      poll(1001), poll(1001), poll(1001),
      create('pgrogrp-4t9c6g7k', 'vpc-2', 'subnet-2', '172.16.0.9'),
      poll(1002), poll(1002), poll(1002),
    ]);
    assert.match(stdout, /task 1001 in ap-guangzhou succeeded\ntask 1002 in ap-guangzhou succeeded/);
  });

  it('creates a primary\'s networks with CreateDBInstanceNetworkAccess, one per round for that instance, beside the groups\'', () => {
    const instance = { id: 'postgres-uk7kcuhe', name: 'sessions-db', region: 'ap-guangzhou' };
    const script = tccliScript({
      networks: [item()],
      instanceNetworks: [
        { instance, network: { vpcId: 'vpc-s1', subnetId: 'subnet-s1', ip: '10.0.3.21', port: 5432 } },
        { instance, network: { vpcId: 'vpc-s2', subnetId: 'subnet-s2', ip: '172.16.2.21', port: 5432 } },
      ],
      scope: 'x',
      generatedAt,
    });
    syntaxCheck(script);
    const { calls, status, stderr } = fake.run(script, FAST);
    assert.equal(status, 0, stderr);
    const createInstance = (vpc: string, subnet: string, vip: string): string =>
      `CreateDBInstanceNetworkAccess region=ap-guangzhou DBInstanceId=postgres-uk7kcuhe VpcId=${vpc} SubnetId=${subnet} IsAssignVip=True Vip=${vip} output=text filter=FlowId`;
    assert.deepEqual(actions(calls), [
      create('pgrogrp-4t9c6g7k', 'vpc-gaestjaf', 'subnet-4s9dejli', '10.0.0.5'),
      createInstance('vpc-s1', 'subnet-s1', '10.0.3.21'),
      poll(1001), poll(1002),
      createInstance('vpc-s2', 'subnet-s2', '172.16.2.21'),
      poll(1003),
    ]);
  });

  it('creates one network of each group before waiting, so different groups change at the same time', () => {
    const networks = [item(), item({ group: { id: 'pgrogrp-2', region: 'ap-shanghai' }, network: { ip: '10.1.0.5' } })];
    const { calls, status, stderr } = fake.run(tccliScript({ networks, scope: 'x', generatedAt }), FAST);
    assert.equal(status, 0, stderr);
    assert.deepEqual(actions(calls), [
      create('pgrogrp-4t9c6g7k', 'vpc-gaestjaf', 'subnet-4s9dejli', '10.0.0.5'),
      create('pgrogrp-2', 'vpc-gaestjaf', 'subnet-4s9dejli', '10.1.0.5', 'ap-shanghai'),
      poll(1001), poll(1002, 'ap-shanghai'),
    ]);
  });

  it('stops with a clear message when a task fails, before the next change to that group', () => {
    const networks = [item(), item({ network: { ip: '10.0.0.6' } })];
    const { calls, status, stderr } = fake.run(tccliScript({ networks, scope: 'x', generatedAt }), { ...FAST, FAKE_TCCLI_TASK_STATUSES: 'Running,Fail' });
    assert.notEqual(status, 0);
    assert.match(stderr, /task 1001 in ap-guangzhou ended as Fail: stopping here/);
    assert.equal(actions(calls).filter((call) => call.startsWith('CreateReadOnlyGroupNetworkAccess')).length, 1);
  });

  it('stops when a task has not ended within the wait limit', () => {
    const { status, stderr } = fake.run(tccliScript({ networks: [item()], scope: 'x', generatedAt }), {
      TCCLI_TASK_POLL_SECONDS: '1', TCCLI_TASK_WAIT_SECONDS: '1', FAKE_TCCLI_TASK_STATUSES: 'Running',
    });
    assert.notEqual(status, 0);
    assert.match(stderr, /task 1001 in ap-guangzhou has not ended after 1 s \(last status: Running\)/);
  });

  it('stops at a refused create, with tccli\'s own message', () => {
    const { calls, status, stderr } = fake.run(tccliScript({ networks: [item(), item({ group: { id: 'g2' } })], scope: 'x', generatedAt }), { ...FAST, FAKE_TCCLI_FAIL: 'CreateReadOnlyGroupNetworkAccess' });
    assert.notEqual(status, 0);
    assert.match(stderr, /OperationDenied\.ROGroupStatusError/);
    assert.equal(calls.length, 1);
  });

  it('keeps names and values with quotes, spaces, $(...), backticks and Chinese out of the code', () => {
    const hostileName = "报表 'group'\n touch pwned-name $(touch pwned-sub) `touch pwned-tick`";
    const networks = [item({ group: { name: hostileName, id: "pgrogrp-'x' $(touch pwned-id)" }, network: { vpcId: '`touch pwned-vpc`', subnetId: '子网 "a b"' } })];
    const script = tccliScript({ networks, scope: 'scope\ntouch pwned-scope', generatedAt });
    syntaxCheck(script);
    const { calls, status, stderr } = fake.run(script, FAST);
    assert.equal(status, 0, stderr);
    assert.deepEqual(calls[0].slice(2, 6), ['--region=ap-guangzhou', "--ReadOnlyGroupId=pgrogrp-'x' $(touch pwned-id)", '--VpcId=`touch pwned-vpc`', '--SubnetId=子网 "a b"']);
    assert.deepEqual(readdirSync(fake.work), []);
  });

  it('is a valid script with no command when there is nothing to export', () => {
    const script = tccliScript({ networks: [], scope: 'empty', generatedAt });
    syntaxCheck(script);
    assert.deepEqual(fake.run(script).calls, []);
  });

  it('passes every value through unchanged and never changes a group twice in a round, for any input', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 }).filter((value) => !value.includes('\0'));
    const network = fc.record({
      group: fc.record({ id: fc.constantFrom('g1', 'g2', 'g3'), name: text, region: text, primaryInstanceId: text }),
      network: fc.record({ vpcId: text, subnetId: text, ip: text, port: fc.integer({ min: 0, max: 70000 }) }),
    });
    fc.assert(
      fc.property(fc.array(network, { maxLength: 4 }), (networks) => {
        const { calls, status, stderr } = fake.run(tccliScript({ networks, scope: 's', generatedAt }), FAST);
        assert.equal(status, 0, stderr);
        const creates = calls.filter((call) => call[1] === 'CreateReadOnlyGroupNetworkAccess');
        assert.equal(creates.length, networks.length);
        // Between two creates on one group there is a poll of the first one's task.
        const pending = new Map<string, string>();
        let flow = 1000;
        for (const call of calls) {
          if (call[1] === 'CreateReadOnlyGroupNetworkAccess') {
            const group = call[3].slice('--ReadOnlyGroupId='.length);
            assert.ok(!pending.has(group), `group ${group} changed again before its task ended`);
            pending.set(group, String((flow += 1)));
          } else {
            for (const [group, task] of pending) if (call[3] === `--TaskId=${task}`) pending.delete(group);
          }
        }
        assert.deepEqual(
          creates.map((call) => call.slice(2, 7).map((arg) => arg.slice(arg.indexOf('=') + 1))).sort(),
          networks.map(({ group, network: n }) => [group.region, group.id, n.vpcId, n.subnetId, 'True']).sort(),
        );
      }),
      { numRuns: 25 },
    );
  });
});
