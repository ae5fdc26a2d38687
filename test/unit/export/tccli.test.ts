import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { CreateInstanceNetworkRequest, CreateNetworkRequest } from '../../../src/domain/model';
import { tccliCreateInstanceNetworkArgs, tccliCreateInstanceNetworkCommand, tccliCreateNetworkArgs, tccliCreateNetworkCommand } from '../../../src/export/tccli';
import { FakeTccli } from './shellRunner';

const automatic: CreateNetworkRequest = { region: 'ap-guangzhou', groupId: 'pgrogrp-4t9c6g7k', vpcId: 'vpc-gaestjaf', subnetId: 'subnet-4s9dejli' };

describe('export/tccli', () => {
  let fake: FakeTccli;
  beforeEach(() => {
    fake = new FakeTccli();
  });
  afterEach(() => fake.dispose());

  it('asks for an automatic VIP with IsAssignVip False and no Vip', () => {
    assert.deepEqual(tccliCreateNetworkArgs(automatic), [
      '--region=ap-guangzhou',
      '--ReadOnlyGroupId=pgrogrp-4t9c6g7k',
      '--VpcId=vpc-gaestjaf',
      '--SubnetId=subnet-4s9dejli',
      '--IsAssignVip=False',
    ]);
  });

  it('passes a typed VIP with IsAssignVip True', () => {
    assert.deepEqual(tccliCreateNetworkArgs({ ...automatic, vip: '10.0.0.5' }).slice(4), ['--IsAssignVip=True', '--Vip=10.0.0.5']);
  });

  it('passes every value as --Name=value, which tccli\'s argument parser reads even when the value starts with "-"', () => {
    assert.ok(tccliCreateNetworkArgs({ ...automatic, groupId: '-x' }).includes('--ReadOnlyGroupId=-x'));
  });

  it('quotes every value and leaves the fixed words readable', () => {
    assert.equal(
      tccliCreateNetworkCommand({ ...automatic, vip: '10.0.0.5' }),
      "tccli postgres CreateReadOnlyGroupNetworkAccess --region='ap-guangzhou' --ReadOnlyGroupId='pgrogrp-4t9c6g7k'" +
        " --VpcId='vpc-gaestjaf' --SubnetId='subnet-4s9dejli' --IsAssignVip='True' --Vip='10.0.0.5'",
    );
  });

  it('hands tccli exactly the values, whatever they hold, and runs nothing they contain', () => {
    const hostile: CreateNetworkRequest = {
      region: "ap-gu'angzhou",
      groupId: '$(touch pwned)',
      vpcId: '`touch pwned2` vpc 只读',
      subnetId: 'subnet\n; touch pwned3',
      vip: '"10.0.0.5" $HOME',
    };
    const { calls, status, stderr } = fake.run(tccliCreateNetworkCommand(hostile));
    assert.equal(status, 0, stderr);
    assert.deepEqual(calls, [['postgres', 'CreateReadOnlyGroupNetworkAccess', ...tccliCreateNetworkArgs(hostile)]]);
    for (const file of ['pwned', 'pwned2', 'pwned3']) assert.equal(existsSync(path.join(fake.work, file)), false, file);
  });

  it('hands tccli the exact values for any request', () => {
    const text = fc.string({ unit: 'binary', maxLength: 20 }).filter((value) => !value.includes('\0'));
    const request = fc.record(
      { region: text, groupId: text, vpcId: text, subnetId: text, vip: text },
      { requiredKeys: ['region', 'groupId', 'vpcId', 'subnetId'] },
    );
    fc.assert(
      fc.property(request, (generated) => {
        const { calls, status } = fake.run(tccliCreateNetworkCommand(generated));
        assert.equal(status, 0);
        assert.deepEqual(calls, [['postgres', 'CreateReadOnlyGroupNetworkAccess', ...tccliCreateNetworkArgs(generated)]]);
      }),
      { numRuns: 40 },
    );
  });

  it('writes a primary\'s network as CreateDBInstanceNetworkAccess, with DBInstanceId in place of ReadOnlyGroupId', () => {
    const request: CreateInstanceNetworkRequest = { region: 'ap-guangzhou', instanceId: 'postgres-uk7kcuhe', vpcId: 'vpc-0p4qrebe', subnetId: 'subnet-wugj5k90', vip: '10.0.3.21' };
    assert.equal(
      tccliCreateInstanceNetworkCommand(request),
      "tccli postgres CreateDBInstanceNetworkAccess --region='ap-guangzhou' --DBInstanceId='postgres-uk7kcuhe'" +
        " --VpcId='vpc-0p4qrebe' --SubnetId='subnet-wugj5k90' --IsAssignVip='True' --Vip='10.0.3.21'",
    );
    assert.deepEqual(tccliCreateInstanceNetworkArgs({ ...request, vip: undefined }).slice(1), [
      '--DBInstanceId=postgres-uk7kcuhe',
      '--VpcId=vpc-0p4qrebe',
      '--SubnetId=subnet-wugj5k90',
      '--IsAssignVip=False',
    ]);
  });

  it('hands tccli the exact values of a primary\'s network, whatever they hold', () => {
    const text = fc.string({ unit: 'binary', maxLength: 20 }).filter((value) => !value.includes('\0'));
    const request = fc.record({ region: text, instanceId: text, vpcId: text, subnetId: text, vip: text }, { requiredKeys: ['region', 'instanceId', 'vpcId', 'subnetId'] });
    fc.assert(
      fc.property(request, (generated) => {
        const { calls, status } = fake.run(tccliCreateInstanceNetworkCommand(generated));
        assert.equal(status, 0);
        assert.deepEqual(calls, [['postgres', 'CreateDBInstanceNetworkAccess', ...tccliCreateInstanceNetworkArgs(generated)]]);
      }),
      { numRuns: 20 },
    );
  });
});
