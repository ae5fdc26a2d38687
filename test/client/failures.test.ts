import assert from 'node:assert/strict';
import * as net from 'node:net';
import { createTencentCloudApi, type DisposableCloudApi } from '../../src/cloud/tencentCloudApi';
import { systemClock, type Clock, type TimerHandle } from '../../src/domain/clock';
import { demoWorldPath, startEmulator, type ControlOp, type RequestLogEntry, type RunningEmulator } from '../emulator';
import { callsOf, cloudErrorOf, DEMO_CREDENTIALS, makeApi, RecordingLogger, waitFor } from './clientHarness';

const REGION = 'ap-guangzhou';
const GROUP = { primary: 'postgres-go1nxg3q', id: 'pgrogrp-ehv9k8jn' };
const CREATE = { region: REGION, groupId: GROUP.id, vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-unuu55q6' } as const;

describe('cloud client against the emulator: failures', function () {
  this.timeout(15000);
  let emulator: RunningEmulator;
  /** Reads tried once, so each fault shows as it is. */
  let once: DisposableCloudApi;
  let onceLogger: RecordingLogger;
  /** Reads retried up to 3 times. */
  let retrying: DisposableCloudApi;
  let retryingLogger: RecordingLogger;
  /** The retrying client's timers: a resend could only come from one still pending. */
  let retryingClock: WatchedClock;

  // One emulator per test: a request an earlier test gave up on (held back by latency) cannot land in this test's
  // log, because stopping the emulator drops it.
  beforeEach(async () => {
    emulator = await startEmulator({ world: demoWorldPath(), port: 0 });
    ({ api: once, logger: onceLogger } = makeApi(emulator, { timeoutMs: 400, retry: { maxAttempts: 1 } }));
    retryingClock = new WatchedClock();
    ({ api: retrying, logger: retryingLogger } = makeApi(emulator, {
      timeoutMs: 400,
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
      clock: retryingClock,
    }));
  });
  afterEach(async () => {
    once.dispose();
    retrying.dispose();
    await emulator.stop();
  });

  const inject = (op: ControlOp) => emulator.control.apply(op);

  /**
   * A write that settled was sent exactly once and can never be sent again: the emulator logged one request, the
   * client logged one attempt of one allowed, and the client holds no timer that could start another (no backoff
   * pending, its request timer cleared).
   */
  function assertSentOnceAndDone(action: string): void {
    assert.equal(callsOf(emulator, action).length, 1, `${action} reached the emulator once`);
    const attempts = retryingLogger.lines.filter((line) => line.includes(`${action} `));
    assert.equal(attempts.length, 1, `one attempt logged by the client: ${attempts.join(' | ')}`);
    assert.match(attempts[0], /attempt=1\/1 /, 'a write is allowed one attempt');
    assert.doesNotMatch(attempts[0], /retrying in/);
    assert.deepEqual(retryingClock.pendingDelays(), [], 'no client timer left that could resend');
  }

  describe('each failure becomes the right CloudError', () => {
    it('API error: code, message, request id, action and region', async () => {
      inject({ op: 'failNext', action: 'DescribeVpcs', code: 'InvalidParameterValue', message: 'bad value' });
      const error = await cloudErrorOf(once.listVpcs(REGION));
      assert.equal(error.kind, 'api');
      assert.equal(error.code, 'InvalidParameterValue');
      assert.equal(error.message, 'bad value');
      assert.equal(error.requestId, callsOf(emulator, 'DescribeVpcs')[0].requestId);
      assert.equal(error.action, 'DescribeVpcs');
      assert.equal(error.region, REGION);
      assert.equal(error.retryable, false);
    });

    it('a real business error from a write', async () => {
      const error = await cloudErrorOf(once.createNetwork({ ...CREATE, groupId: 'pgrogrp-p7zfh06j' }));
      assert.equal(error.code, 'OperationDenied.ROGroupStatusError');
      assert.equal(error.ambiguous, false);
    });

    it('an unsupported region', async () => {
      const error = await cloudErrorOf(once.listVpcs('ap-mumbai'));
      assert.equal(error.kind, 'api');
      assert.equal(error.code, 'UnsupportedRegion');
    });

    it('auth: wrong secret key, unknown key, clock skew', async () => {
      const wrongKey = createTencentCloudApi({
        site: 'intl', endpoint: emulator.url, logger: new RecordingLogger(),
        credentials: { getCredentials: async () => ({ secretId: DEMO_CREDENTIALS.secretId, secretKey: 'notTheRightKey000000000000000000000' }) },
      });
      const unknownKey = createTencentCloudApi({
        site: 'intl', endpoint: emulator.url, logger: new RecordingLogger(),
        credentials: { getCredentials: async () => ({ secretId: 'AKIDnobodyKnowsThisKey00000000000000', secretKey: 'x'.repeat(32) }) },
      });
      try {
        const signature = await cloudErrorOf(wrongKey.listRegions());
        assert.equal(signature.kind, 'auth');
        assert.equal(signature.code, 'AuthFailure.SignatureFailure');
        assert.equal(signature.retryable, false);
        assert.equal((await cloudErrorOf(unknownKey.listRegions())).code, 'AuthFailure.SecretIdNotFound');
        inject({ op: 'setClock', offsetSeconds: 900 });
        const skew = await cloudErrorOf(once.listRegions());
        assert.equal(skew.code, 'AuthFailure.SignatureExpire');
        assert.match(skew.message, /clock/);
      } finally {
        wrongKey.dispose();
        unknownKey.dispose();
      }
    });

    it('throttled: RequestLimitExceeded', async () => {
      inject({ op: 'failNext', action: 'DescribeTasks', code: 'RequestLimitExceeded' });
      const error = await cloudErrorOf(once.describeTask(REGION, 1));
      assert.equal(error.kind, 'throttled');
      assert.equal(error.retryable, true);
    });

    it('HTTP 5xx (the JSON body is ignored, as the SDK does)', async () => {
      inject({ op: 'httpError', action: 'DescribeVpcs', status: 502 });
      const error = await cloudErrorOf(once.listVpcs(REGION));
      assert.equal(error.kind, 'http');
      assert.equal(error.httpStatus, 502);
      assert.equal(error.retryable, true);
    });

    it('a body that is not JSON', async () => {
      inject({ op: 'nonJson', action: 'DescribeVpcs' });
      const error = await cloudErrorOf(once.listVpcs(REGION));
      assert.equal(error.kind, 'invalidResponse');
      assert.equal(error.code, 'ClientError.InvalidResponse');
    });

    it('JSON without Response', async () => {
      inject({ op: 'missingResponse', action: 'DescribeVpcs' });
      const error = await cloudErrorOf(once.listVpcs(REGION));
      assert.equal(error.kind, 'invalidResponse');
    });

    it('a body that stalls', async () => {
      inject({ op: 'stallBody', action: 'DescribeVpcs' });
      const started = Date.now();
      const error = await cloudErrorOf(once.listVpcs(REGION));
      assert.equal(error.kind, 'timeout');
      assert.ok(Date.now() - started < 1500, 'bounded by the 400 ms timeout');
    });

    it('no answer within the timeout', async () => {
      inject({ op: 'setLatency', ms: 1000 });
      const error = await cloudErrorOf(once.listVpcs(REGION));
      assert.equal(error.kind, 'timeout');
      assert.equal(error.code, 'ClientError.Timeout');
      const line = onceLogger.lines.at(-1) ?? '';
      assert.match(line, /error=ClientError.Timeout kind=timeout/);
      assert.ok(Number(/duration=(\d+)ms/.exec(line)?.[1]) >= 395, line);
      // The emulator still answers the abandoned request: let it land here rather than in a later test's log.
      await waitFor(async () => (callsOf(emulator, 'DescribeVpcs').length > 0 ? true : undefined), 3000);
    });

    it('a dropped connection', async () => {
      inject({ op: 'dropConnection', action: 'DescribeVpcs' });
      const error = await cloudErrorOf(once.listVpcs(REGION));
      assert.equal(error.kind, 'network');
      assert.equal(error.retryable, true);
    });

    it('connection refused: a write that could not be sent is not ambiguous', async () => {
      const port = await closedPort();
      const { api } = makeApi(emulator, { endpoint: `http://127.0.0.1:${port}`, retry: { maxAttempts: 1 } });
      try {
        const read = await cloudErrorOf(api.listRegions());
        assert.equal(read.kind, 'network');
        assert.match(read.message, /ECONNREFUSED/);
        const write = await cloudErrorOf(api.createNetwork(CREATE));
        assert.equal(write.kind, 'network');
        assert.equal(write.ambiguous, false);
      } finally {
        api.dispose();
      }
    });
  });

  describe('reads retry transient failures, bounded', () => {
    it('succeeds after a mix of transient faults', async () => {
      inject({ op: 'failNext', action: 'DescribeSubnets', code: 'InternalError' });
      inject({ op: 'httpError', action: 'DescribeSubnets', status: 503 });
      const subnets = await retrying.listSubnets(REGION, 'vpc-9jtwov7c');
      assert.equal(subnets.length, 2);
      assert.deepEqual(outcomes(callsOf(emulator, 'DescribeSubnets')), ['InternalError', 'Fault.HttpError.503', 'Success']);
    });

    it('succeeds after throttling, a non-JSON body, a dropped connection and a stall', async () => {
      for (const op of [
        { op: 'failNext', code: 'RequestLimitExceeded' },
        { op: 'nonJson' },
        { op: 'dropConnection' },
        { op: 'stallBody' },
      ] as const) {
        inject({ ...op, action: 'DescribeVpcs' });
        const vpcs = await retrying.listVpcs(REGION);
        assert.equal(vpcs.length, 3, op.op);
      }
      assert.equal(callsOf(emulator, 'DescribeVpcs').length, 8);
    });

    it('gives up after the bound and reports the last failure', async () => {
      inject({ op: 'failNext', action: 'DescribeVpcs', code: 'ServiceUnavailable', count: 5 });
      const error = await cloudErrorOf(retrying.listVpcs(REGION));
      assert.equal(error.code, 'ServiceUnavailable');
      assert.deepEqual(outcomes(callsOf(emulator, 'DescribeVpcs')), Array(3).fill('ServiceUnavailable'));
      assert.equal(emulator.control.status().pendingFaults[0]?.remaining, 2);
    });

    it('does not retry what cannot succeed', async () => {
      inject({ op: 'failNext', action: 'DescribeVpcs', code: 'UnauthorizedOperation' });
      await cloudErrorOf(retrying.listVpcs(REGION));
      assert.equal(callsOf(emulator, 'DescribeVpcs').length, 1);
    });
  });

  describe('writes are sent once', () => {
    it('a create that times out is not re-sent, is ambiguous, and did in fact happen', async () => {
      inject({ op: 'setLatency', ms: 900 });
      const error = await cloudErrorOf(retrying.createNetwork(CREATE));
      assert.equal(error.kind, 'timeout');
      assert.equal(error.ambiguous, true);
      assert.equal(error.retryable, false);
      // The emulator logs a request once it has answered it, after its latency: wait for that answer.
      const entries = await waitFor(async () => {
        const all = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as RequestLogEntry[];
        const creates = all.filter((e) => e.action === 'CreateReadOnlyGroupNetworkAccess');
        return creates.length > 0 ? creates : undefined;
      }, 3000, 10, 'the emulator to finish the create the client gave up on');
      assert.deepEqual(outcomes(entries), ['Success']);
      assertSentOnceAndDone('CreateReadOnlyGroupNetworkAccess');
      inject({ op: 'setLatency', ms: 0 });
      const group = await retrying.getReadOnlyGroup(REGION, GROUP.primary, GROUP.id);
      assert.equal(group?.networks.length, 2, 'reading the group back shows the create went through');
    });

    for (const op of [{ op: 'stallBody' }, { op: 'dropConnection' }, { op: 'nonJson' }, { op: 'missingResponse' }, { op: 'httpError', status: 504 }] as const) {
      it(`a create that meets ${op.op} is sent once and ambiguous`, async () => {
        inject({ ...op, action: 'CreateReadOnlyGroupNetworkAccess' });
        const error = await cloudErrorOf(retrying.createNetwork(CREATE));
        assert.equal(error.ambiguous, true, error.code);
        // The emulator logs a fault as it injects it, before the client can see it: the log is complete here.
        assertSentOnceAndDone('CreateReadOnlyGroupNetworkAccess');
      });
    }

    it('a throttled delete is refused, not retried, and not ambiguous', async () => {
      inject({ op: 'failNext', action: 'DeleteReadOnlyGroupNetworkAccess', code: 'RequestLimitExceeded' });
      const error = await cloudErrorOf(retrying.deleteNetwork({ region: REGION, groupId: 'pgrogrp-5zyz187t', vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-jemqvs6d', vip: '172.16.1.20' }));
      assert.equal(error.kind, 'throttled');
      assert.equal(error.ambiguous, false);
      assertSentOnceAndDone('DeleteReadOnlyGroupNetworkAccess');
    });
  });

  describe('cancellation', () => {
    it('aborting a slow read rejects at once with cancelled', async () => {
      inject({ op: 'setLatency', ms: 2000 });
      const clock = new WatchedClock();
      const { api } = makeApi(emulator, { timeoutMs: 5000, clock });
      try {
        const controller = new AbortController();
        const started = Date.now();
        const pending = api.listVpcs(REGION, { signal: controller.signal });
        // The client arms its request timer as it sends: abort once the request is on its way.
        await waitFor(async () => (clock.pendingDelays().includes(5000) ? true : undefined), 2000, 10, 'the request to be sent');
        controller.abort();
        const error = await cloudErrorOf(pending);
        assert.equal(error.kind, 'cancelled');
        assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
        assert.equal(error.retryable, false);
      } finally {
        api.dispose();
      }
    });

    it('an already-aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await cloudErrorOf(retrying.createNetwork(CREATE, { signal: controller.signal }));
      assert.equal(error.kind, 'cancelled');
      assert.equal(error.ambiguous, false);
      assert.equal(callsOf(emulator, 'CreateReadOnlyGroupNetworkAccess').length, 0);
    });

    it('aborting a stalled body rejects with cancelled', async () => {
      inject({ op: 'stallBody', action: 'DescribeVpcs' });
      const { api } = makeApi(emulator, { timeoutMs: 5000 });
      try {
        const controller = new AbortController();
        const pending = api.listVpcs(REGION, { signal: controller.signal });
        // The emulator logs the stall once it has sent the start of the answer.
        await waitFor(async () => (callsOf(emulator, 'DescribeVpcs').some((e) => e.outcome === 'Fault.Stall') ? true : undefined), 2000, 10, 'the stalled answer to start');
        controller.abort();
        const error = await cloudErrorOf(pending);
        assert.equal(error.kind, 'cancelled');
      } finally {
        api.dispose();
      }
    });
  });
});

/** The real clock, keeping count of the timers set through it that have neither fired nor been cleared. */
class WatchedClock implements Clock {
  private readonly pending = new Map<TimerHandle, number>();
  now(): number {
    return systemClock.now();
  }
  monotonic(): number {
    return systemClock.monotonic();
  }
  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const handle: TimerHandle = systemClock.setTimer(() => {
      this.pending.delete(handle);
      callback();
    }, delayMs);
    this.pending.set(handle, delayMs);
    return handle;
  }
  clearTimer(handle: TimerHandle): void {
    this.pending.delete(handle);
    systemClock.clearTimer(handle);
  }
  /** The delays of the timers still pending. */
  pendingDelays(): number[] {
    return [...this.pending.values()];
  }
}

function outcomes(entries: RequestLogEntry[]): string[] {
  return entries.map((e) => e.outcome);
}

/** A port nothing listens on (bound, read, released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
