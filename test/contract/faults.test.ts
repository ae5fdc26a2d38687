import * as assert from 'node:assert/strict';
import { ContractHarness, DemoIndex, TencentCloudSDKHttpException, expectApiError, rawRequest, waitFor } from './support';

const demo = new DemoIndex();

/** The rejection of a call, whatever it is. */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('injected faults, as the real SDK surfaces them', () => {
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());
  afterEach(() => harness.emulator.control.apply({ op: 'reset' }));

  it('the next N calls of an action fail with a given API error code; other actions are untouched', async () => {
    harness.emulator.control.apply({ op: 'failNext', action: 'DescribeVpcs', code: 'InternalError', count: 2 });
    await harness.vpc().DescribeSubnets({});
    await expectApiError(harness.vpc().DescribeVpcs({}), 'InternalError');
    await expectApiError(harness.vpc().DescribeVpcs({}), 'InternalError');
    assert.ok((await harness.vpc().DescribeVpcs({})).VpcSet);
  });

  it('a fault without an action hits whatever call comes next', async () => {
    harness.emulator.control.apply({ op: 'failNext', code: 'RequestLimitExceeded' });
    await expectApiError(harness.postgres().DescribeRegions(), 'RequestLimitExceeded');
    assert.ok((await harness.postgres().DescribeRegions()).RegionSet);
  });

  it('HTTP 5xx: the SDK class with httpCode set, no code and no RequestId (the body is ignored)', async () => {
    harness.emulator.control.apply({ op: 'httpError', status: 502 });
    const error = await failureOf(harness.postgres().DescribeRegions());
    assert.ok(error instanceof TencentCloudSDKHttpException);
    assert.equal(error.httpCode, 502);
    assert.equal(error.code, undefined);
    assert.equal(error.requestId, '');
  });

  it('a non-JSON body: a raw FetchError of type invalid-json, not the SDK class', async () => {
    harness.emulator.control.apply({ op: 'nonJson', action: 'DescribeDBInstances' });
    const error = await failureOf(harness.postgres().DescribeDBInstances({}));
    assert.ok(!(error instanceof TencentCloudSDKHttpException));
    assert.equal((error as { type?: string }).type, 'invalid-json');
  });

  it('JSON without Response: a plain TypeError', async () => {
    harness.emulator.control.apply({ op: 'missingResponse' });
    const error = await failureOf(harness.postgres().DescribeRegions());
    assert.ok(error instanceof TypeError);
  });

  it('a body that stalls past reqTimeout: a raw FetchError of type body-timeout', async () => {
    harness.emulator.control.apply({ op: 'stallBody' });
    const error = await failureOf(harness.postgres({ reqTimeout: 1 }).DescribeRegions());
    assert.ok(!(error instanceof TencentCloudSDKHttpException));
    assert.equal((error as { type?: string }).type, 'body-timeout');
  });

  it('latency beyond reqTimeout: the SDK class with "network timeout"', async () => {
    harness.emulator.control.apply({ op: 'setLatency', ms: 1500 });
    const error = await failureOf(harness.postgres({ reqTimeout: 1 }).DescribeRegions());
    assert.ok(error instanceof TencentCloudSDKHttpException);
    assert.match(error.message, /network timeout/);
  });

  it('added latency delays answers', async () => {
    harness.emulator.control.apply({ op: 'setLatency', ms: 150 });
    const started = Date.now();
    await harness.postgres().DescribeRegions();
    assert.ok(Date.now() - started >= 150);
  });

  it('a dropped connection: the SDK class with "request to ... failed, reason"', async () => {
    harness.emulator.control.apply({ op: 'dropConnection', action: 'DescribeSubnets' });
    const error = await failureOf(harness.vpc().DescribeSubnets({}));
    assert.ok(error instanceof TencentCloudSDKHttpException);
    assert.match(error.message, /request to .* failed, reason/);
  });

  it('a refused connection (emulator stopped): the SDK class with "failed, reason"', async () => {
    const gone = await ContractHarness.start();
    const client = gone.postgres();
    await gone.close();
    const error = await failureOf(client.DescribeRegions());
    assert.ok(error instanceof TencentCloudSDKHttpException);
    assert.match(error.message, /failed, reason: .*ECONNREFUSED/);
  });

  it('stop() ends a stalled answer and its socket', async () => {
    const stalled = await ContractHarness.start();
    stalled.emulator.control.apply({ op: 'stallBody' });
    const pending = failureOf(stalled.postgres({ reqTimeout: 3 }).DescribeRegions());
    // Stop once the emulator has begun the stalled answer (it logs the stall as it sends the headers).
    await waitFor(async () => (stalled.emulator.control.requests().some((entry) => entry.outcome === 'Fault.Stall') ? true : undefined), 3000)
      .catch(() => assert.fail('the emulator never began the stalled answer'));
    const stopping = Date.now();
    await stalled.close();
    const error = await pending;
    assert.ok(Date.now() - stopping < 2000);
    assert.ok(error instanceof Error);
  });

  it('resetFaults clears queued faults and latency', async () => {
    harness.emulator.control.apply({ op: 'failNext', code: 'InternalError', count: 5 });
    harness.emulator.control.apply({ op: 'setLatency', ms: 3000 });
    harness.emulator.control.apply({ op: 'resetFaults' });
    assert.equal(harness.emulator.control.status().pendingFaults.length, 0);
    assert.ok((await harness.postgres().DescribeRegions()).RegionSet);
  });

  describe('HTTP control endpoint (for tests in another process)', () => {
    const post = (body: unknown) =>
      rawRequest(harness.emulator.port, 'POST', '/__emulator/control', { 'Content-Type': 'application/json' }, JSON.stringify(body));

    it('applies an operation and reports the status', async () => {
      const answer = await post({ op: 'failNext', action: 'DescribeTasks', code: 'InternalError.FlowError' });
      assert.equal(answer.status, 200);
      assert.equal(JSON.parse(answer.body).status.pendingFaults[0].code, 'InternalError.FlowError');
      await expectApiError(harness.postgres().DescribeTasks({}), 'InternalError.FlowError');
    });

    it('refuses an unknown or malformed operation with HTTP 400', async () => {
      assert.equal((await post({ op: 'explode' })).status, 400);
      assert.equal((await post({ op: 'failTask', atProgress: 150 })).status, 400);
      assert.equal((await post({ op: 'failNext' })).status, 400);
    });

    it('GET /__emulator/world shows the current state (without secret keys), GET /__emulator/requests the log', async () => {
      await post({ op: 'setTaskDuration', durationMs: 60_000 });
      const orders = demo.group('orders-ro');
      const bi = demo.subnet('bi-gz4');
      await harness.postgres().CreateReadOnlyGroupNetworkAccess({ ReadOnlyGroupId: orders.readOnlyGroupId, VpcId: bi.vpcId, SubnetId: bi.subnetId, IsAssignVip: false });
      const worldAnswer = await rawRequest(harness.emulator.port, 'GET', '/__emulator/world', {}, '');
      assert.ok(!worldAnswer.body.includes('emulatorDemoSecretKey'));
      const world = JSON.parse(worldAnswer.body);
      const liveGroup = world.regions[0].primaryInstances[0].readOnlyGroups[0];
      assert.equal(liveGroup.status, 'modifying');
      assert.equal(world.tasks[0].status, 'Running');
      const requests = JSON.parse((await rawRequest(harness.emulator.port, 'GET', '/__emulator/requests', {}, '')).body);
      assert.equal(requests.at(-1).action, 'CreateReadOnlyGroupNetworkAccess');
      assert.equal(requests.at(-1).outcome, 'Success');
    });
  });
});
