import * as assert from 'node:assert/strict';
import { ContractHarness, DemoIndex, TencentCloudSDKHttpException, expectApiError, sleep } from './support';

const demo = new DemoIndex();

async function outcomes(calls: Promise<unknown>[]): Promise<{ ok: number; limited: number }> {
  const settled = await Promise.allSettled(calls);
  let ok = 0;
  let limited = 0;
  for (const result of settled) {
    if (result.status === 'fulfilled') ok++;
    else if (result.reason instanceof TencentCloudSDKHttpException && result.reason.code === 'RequestLimitExceeded') limited++;
    else throw result.reason;
  }
  return { ok, limited };
}

describe('rate limits (documented per-action limits, per SecretId)', () => {
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());
  afterEach(() => harness.emulator.control.apply({ op: 'reset' }));

  it('DescribeTasks: 20 per second, the rest RequestLimitExceeded, then allowed again', async () => {
    const client = harness.postgres();
    const burst = await outcomes(Array.from({ length: 26 }, () => client.DescribeTasks({})));
    assert.deepEqual(burst, { ok: 20, limited: 6 });
    // Other actions have their own budget.
    assert.ok((await client.DescribeReadOnlyGroups({ Filters: [{ Name: 'db-master-instance-id', Values: [demo.primary('orders-db').dbInstanceId] }] })).ReadOnlyGroupList);
    await sleep(1100);
    assert.ok((await client.DescribeTasks({})).TaskSet);
  });

  it('CreateReadOnlyGroupNetworkAccess: 100 per second', async () => {
    const client = harness.postgres();
    // Calls that fail on business rules still count against the limit.
    const burst = await outcomes(
      Array.from({ length: 105 }, () =>
        client.CreateReadOnlyGroupNetworkAccess({ ReadOnlyGroupId: 'pgrogrp-missing1', VpcId: 'vpc-x', SubnetId: 'subnet-x', IsAssignVip: false }).catch((e: unknown) => {
          if (e instanceof TencentCloudSDKHttpException && e.code === 'FailedOperation.ROGroupNotFoundError') return;
          throw e;
        }),
      ),
    );
    assert.deepEqual(burst, { ok: 100, limited: 5 });
  });

  it('each SecretId has its own budget', async () => {
    const [, temporary] = demo.world.credentials;
    const main = harness.postgres();
    const other = harness.postgres({ credential: { secretId: temporary.secretId, secretKey: temporary.secretKey, token: temporary.token } });
    assert.deepEqual(await outcomes(Array.from({ length: 20 }, () => main.DescribeTasks({}))), { ok: 20, limited: 0 });
    assert.ok((await other.DescribeTasks({})).TaskSet);
    await expectApiError(main.DescribeTasks({}), 'RequestLimitExceeded');
  });

  it('can be switched off', async () => {
    harness.emulator.control.apply({ op: 'setRateLimits', enabled: false });
    const client = harness.postgres();
    assert.deepEqual(await outcomes(Array.from({ length: 30 }, () => client.DescribeTasks({}))), { ok: 30, limited: 0 });
  });
});
