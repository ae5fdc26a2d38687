import * as assert from 'node:assert/strict';
import type { RequestLogEntry } from '../emulator';
import { ContractHarness, DemoIndex, TencentCloudSDKHttpException, waitFor } from './support';

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

/**
 * The request log stamps arrival in whole milliseconds while the limiter measures its window on the monotonic clock,
 * so two stamps may read up to this much closer together than the limiter saw them.
 */
const STAMP_SLACK_MS = 2;

/**
 * Checks the limiter's invariant on the emulator's own record of a run of calls (one action, one SecretId):
 * - never more than `perSecond` accepted within any one-second window of arrival times;
 * - every call not accepted was refused with RequestLimitExceeded, and only when the window before it was full.
 * Returns the counts, which no longer depend on how fast the machine sent the burst.
 */
function assertWindowInvariant(entries: readonly RequestLogEntry[], perSecond: number): { ok: number; limited: number } {
  const at = (entry: RequestLogEntry) => Date.parse(entry.time);
  const sorted = [...entries].sort((a, b) => at(a) - at(b));
  const accepted = sorted.filter((entry) => entry.outcome !== 'RequestLimitExceeded');
  const refused = sorted.filter((entry) => entry.outcome === 'RequestLimitExceeded');
  for (let i = perSecond; i < accepted.length; i++) {
    const span = at(accepted[i]) - at(accepted[i - perSecond]);
    assert.ok(
      span >= 1000 - STAMP_SLACK_MS,
      `${perSecond + 1} calls accepted within ${span} ms (${accepted[i - perSecond].time} .. ${accepted[i].time})`,
    );
  }
  for (const entry of refused) {
    const inWindow = accepted.filter((other) => at(other) <= at(entry) + STAMP_SLACK_MS && at(other) > at(entry) - 1000 - STAMP_SLACK_MS).length;
    assert.ok(inWindow >= perSecond, `refused at ${entry.time} with only ${inWindow} accepted in the second before it`);
  }
  return { ok: accepted.length, limited: refused.length };
}

describe('rate limits (documented per-action limits, per SecretId)', () => {
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());
  afterEach(() => harness.emulator.control.apply({ op: 'reset' }));

  const logOf = (action: string) => harness.emulator.control.requests().filter((entry) => entry.action === action);

  it('DescribeTasks: 20 per second, the rest RequestLimitExceeded, then allowed again', async () => {
    const client = harness.postgres();
    const burst = await outcomes(Array.from({ length: 26 }, () => client.DescribeTasks({})));
    const logged = assertWindowInvariant(logOf('DescribeTasks'), 20);
    assert.deepEqual(logged, burst, 'the emulator logged what the SDK saw');
    assert.equal(burst.ok + burst.limited, 26);
    assert.ok(burst.ok >= 20, `the first 20 always fit: ${burst.ok} accepted`);
    // Other actions have their own budget.
    assert.ok((await client.DescribeReadOnlyGroups({ Filters: [{ Name: 'db-master-instance-id', Values: [demo.primary('orders-db').dbInstanceId] }] })).ReadOnlyGroupList);
    // Allowed again once the window has moved on: ask until accepted (a refusal takes nothing from the budget).
    await waitFor(async () => {
      try {
        return await client.DescribeTasks({});
      } catch (error) {
        if (error instanceof TencentCloudSDKHttpException && error.code === 'RequestLimitExceeded') return undefined;
        throw error;
      }
    }, 3000).catch((error: unknown) => assert.fail(`DescribeTasks was still refused 3 s after the burst (${String(error)})`));
    assertWindowInvariant(logOf('DescribeTasks'), 20);
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
    assert.equal(burst.ok + burst.limited, 105);
    const logged = assertWindowInvariant(logOf('CreateReadOnlyGroupNetworkAccess'), 100);
    assert.deepEqual(logged, burst, 'the emulator logged what the SDK saw');
  });

  it('each SecretId has its own budget', async () => {
    const [, temporary] = demo.world.credentials;
    const main = harness.postgres();
    const other = harness.postgres({ credential: { secretId: temporary.secretId, secretKey: temporary.secretKey, token: temporary.token } });
    assert.deepEqual(await outcomes(Array.from({ length: 20 }, () => main.DescribeTasks({}))), { ok: 20, limited: 0 });
    assert.ok((await other.DescribeTasks({})).TaskSet);
    const mainEntries = () => logOf('DescribeTasks').filter((entry) => entry.secretId !== temporary.secretId);
    // The 21st: refused while the 20 fill one second; accepted only if they did not (a slow machine), which the
    // invariant checks either way.
    await main.DescribeTasks({}).catch((error: unknown) => {
      assert.ok(error instanceof TencentCloudSDKHttpException && error.code === 'RequestLimitExceeded', String(error));
    });
    assert.equal(mainEntries().length, 21);
    assertWindowInvariant(mainEntries(), 20);
    assertWindowInvariant(logOf('DescribeTasks').filter((entry) => entry.secretId === temporary.secretId), 20);
  });

  it('can be switched off', async () => {
    harness.emulator.control.apply({ op: 'setRateLimits', enabled: false });
    const client = harness.postgres();
    assert.deepEqual(await outcomes(Array.from({ length: 30 }, () => client.DescribeTasks({}))), { ok: 30, limited: 0 });
  });
});
