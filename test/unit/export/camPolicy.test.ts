import * as assert from 'node:assert/strict';
import { camPolicy, camPolicyJson } from '../../../src/export/camPolicy';

describe('export/camPolicy', () => {
  it('allows exactly the given actions, deduplicated and sorted, on every resource', () => {
    const policy = camPolicy([
      { service: 'vpc', action: 'DescribeVpcs' },
      { service: 'postgres', action: 'DescribeTasks' },
      { service: 'postgres', action: 'CreateReadOnlyGroupNetworkAccess' },
      { service: 'postgres', action: 'DescribeTasks' },
    ]);
    assert.deepEqual(policy, {
      version: '2.0',
      statement: [
        { effect: 'allow', action: ['postgres:CreateReadOnlyGroupNetworkAccess', 'postgres:DescribeTasks', 'vpc:DescribeVpcs'], resource: ['*'] },
      ],
    });
  });

  it('writes JSON that reads back as the same policy', () => {
    const actions = [{ service: 'postgres', action: 'DescribeRegions' }];
    const json = camPolicyJson(actions);
    assert.deepEqual(JSON.parse(json), camPolicy(actions));
    assert.ok(json.endsWith('}\n'));
  });

  it('refuses names that are not a plain service and action, wildcards included', () => {
    for (const [service, action] of [['postgres', '*'], ['*', 'DescribeTasks'], ['postgres', 'Describe*'], ['Postgres', 'DescribeTasks'], ['postgres', ''], ['', 'DescribeTasks'], ['postgres', 'describeTasks'], ['vpc', 'DescribeVpcs"']]) {
      assert.throws(() => camPolicy([{ service, action }]), RangeError, `${service}:${action}`);
    }
  });
});
