import assert from 'node:assert/strict';
import { sharedAgent } from '../../src/cloud/endpoints';
import { demoWorldPath, startEmulator, type RunningEmulator } from '../emulator';
import { callsOf, cloudErrorOf, DEMO_CREDENTIALS, demoWorldCredentials, makeApi, waitFor } from './clientHarness';

const REGION = 'ap-guangzhou';

describe('cloud client against the emulator: rate limits, credentials, logs', function () {
  this.timeout(15000);
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ world: demoWorldPath(), port: 0 });
  });
  after(async () => {
    await emulator?.stop();
  });
  beforeEach(() => emulator.control.apply({ op: 'reset' }));

  it('keeps a burst of 50 DescribeTasks under 20/s: zero RequestLimitExceeded on the wire', async () => {
    const { api } = makeApi(emulator, { retry: { maxAttempts: 1 } });
    try {
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 50 }, () => api.describeTask(REGION, 1)));
      const elapsed = Date.now() - started;
      assert.equal(answers.length, 50);
      const calls = callsOf(emulator, 'DescribeTasks');
      assert.equal(calls.length, 50);
      assert.deepEqual([...new Set(calls.map((c) => c.outcome))], ['Success']);
      assert.ok(maxInAnySecond(calls.map((c) => Date.parse(c.time))) <= 20);
      assert.ok(elapsed >= 2000, `50 calls at 20/s take over 2 s, took ${elapsed} ms`);
    } finally {
      api.dispose();
    }
  });

  it('shares one budget between clients of the same account, and across a rebuild: zero RequestLimitExceeded', async () => {
    const first = makeApi(emulator, { retry: { maxAttempts: 1 } }).api;
    const second = makeApi(emulator, { retry: { maxAttempts: 1 } }).api;
    let rebuilt: typeof first | undefined;
    try {
      // Two features polling at once, then one of them rebuilt (a profile switch) within the window: 45 calls,
      // limit 20/s.
      const burst = (api: typeof first, count: number) => Array.from({ length: count }, () => api.describeTask(REGION, 1));
      await Promise.all([...burst(first, 15), ...burst(second, 15)]);
      second.dispose();
      rebuilt = makeApi(emulator, { retry: { maxAttempts: 1 } }).api;
      await Promise.all(burst(rebuilt, 15));
      const calls = callsOf(emulator, 'DescribeTasks');
      assert.equal(calls.length, 45);
      assert.deepEqual([...new Set(calls.map((c) => c.outcome))], ['Success']);
      assert.ok(maxInAnySecond(calls.map((c) => Date.parse(c.time))) <= 20);
    } finally {
      first.dispose();
      second.dispose();
      rebuilt?.dispose();
    }
  });

  it('ends the calls of a disposed client as cancelled, and cancels later ones at once', async () => {
    const { api } = makeApi(emulator, { retry: { maxAttempts: 1 } });
    emulator.control.apply({ op: 'setLatency', ms: 5000 });
    const pending = cloudErrorOf(api.listVpcs(REGION));
    // In flight: a socket of the shared agent is busy with the emulator (which logs a call only once answered).
    const busy = () => Object.keys(sharedAgent('http:').sockets).some((name) => name.includes(`:${emulator.port}:`));
    await waitFor(async () => (busy() ? true : undefined), 5000, 5);
    api.dispose();
    assert.equal((await pending).kind, 'cancelled');
    assert.equal((await cloudErrorOf(api.listVpcs(REGION))).kind, 'cancelled');
  });

  it('keeps every connection of a burst: the next burst (a refresh of the whole account) opens none', async () => {
    const { api } = makeApi(emulator, { timeoutMs: 10_000 });
    try {
      // Answers held back long enough that all 300 requests are in flight at once, each on its own connection.
      emulator.control.apply({ op: 'setLatency', ms: 1000 });
      const burst = () => Promise.all(Array.from({ length: 300 }, (_, i) => api.listReadOnlyGroups(REGION, `postgres-burst${i}`)));
      await burst();
      const before = emulator.control.status().connectionsAccepted;
      await burst();
      assert.equal(emulator.control.status().connectionsAccepted - before, 0, 'connections opened by the second burst');
    } finally {
      api.dispose();
    }
  });

  it('(control) the same burst without the client limiter is throttled by the API', async () => {
    const { api } = makeApi(emulator, { retry: { maxAttempts: 1 }, rateLimits: { DescribeTasks: 1000 } });
    try {
      const results = await Promise.allSettled(Array.from({ length: 40 }, () => api.describeTask(REGION, 1)));
      const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as { kind?: string }).kind === 'throttled');
      assert.ok(throttled.length >= 10, `expected throttling, got ${throttled.length}`);
    } finally {
      api.dispose();
    }
  });

  it('rotates keys without rebuilding: the provider is read on every call', async () => {
    const [, temporary, expired] = demoWorldCredentials();
    assert.ok(temporary.token && expired.token, 'the demo world has temporary keys');
    const { api, credentials } = makeApi(emulator);
    try {
      await api.listVpcs(REGION);
      credentials.current = { secretId: temporary.secretId, secretKey: temporary.secretKey, token: temporary.token };
      await api.listVpcs(REGION);
      credentials.current = { ...credentials.current, token: 'not-the-token-of-this-key' };
      const wrongToken = await cloudErrorOf(api.listVpcs(REGION));
      assert.equal(wrongToken.kind, 'auth');
      assert.equal(wrongToken.code, 'AuthFailure.TokenFailure');
      credentials.current = DEMO_CREDENTIALS;
      await api.listVpcs(REGION);
      assert.deepEqual(
        callsOf(emulator, 'DescribeVpcs').map((c) => c.secretId),
        [DEMO_CREDENTIALS.secretId, temporary.secretId, temporary.secretId, DEMO_CREDENTIALS.secretId],
      );
    } finally {
      api.dispose();
    }
  });

  it('ignores http_proxy from the environment', async () => {
    const saved = process.env.http_proxy;
    process.env.http_proxy = 'http://127.0.0.1:9';
    const { api } = makeApi(emulator, { retry: { maxAttempts: 1 } });
    try {
      assert.equal((await api.listVpcs(REGION)).length, 3);
    } finally {
      if (saved === undefined) delete process.env.http_proxy;
      else process.env.http_proxy = saved;
      api.dispose();
    }
  });

  it('never writes a secret key or token to a log line or an error, whatever happens', async () => {
    const secrets = demoWorldCredentials().flatMap((c) => [c.secretKey, c.token ?? '']).filter((s) => s !== '');
    const [, temporary, expired] = demoWorldCredentials();
    const { api, logger, credentials } = makeApi(emulator, { timeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
    const errors: string[] = [];
    const attempt = async (work: Promise<unknown>) => {
      try {
        await work;
      } catch (error) {
        errors.push(String(error), JSON.stringify(error), (error as Error).stack ?? '');
      }
    };
    try {
      for (const keys of [DEMO_CREDENTIALS, temporary, expired, { ...DEMO_CREDENTIALS, secretKey: 'aWrongButSecretKey00000000000000000' }]) {
        credentials.current = { secretId: keys.secretId, secretKey: keys.secretKey, token: 'token' in keys ? keys.token : undefined };
        if (keys.secretKey.startsWith('aWrong')) secrets.push(keys.secretKey);
        await attempt(api.listRegions());
        emulator.control.apply({ op: 'failNext', action: 'DescribeVpcs', code: 'InternalError', message: `echo ${keys.secretKey}` });
        await attempt(api.listVpcs(REGION));
        emulator.control.apply({ op: 'stallBody', action: 'DescribeSubnets' });
        await attempt(api.listSubnets(REGION));
        await attempt(api.createNetwork({ region: REGION, groupId: 'pgrogrp-nothere', vpcId: 'vpc-0p4qrebe', subnetId: 'subnet-0qy9gxh8' }));
      }
      assert.ok(logger.lines.length >= 16, `logged ${logger.lines.length} lines`);
      assert.ok(logger.lines.some((l) => l.includes('AuthFailure')), 'auth failures were logged');
      for (const text of [...logger.lines, ...errors]) {
        for (const secret of secrets) assert.ok(!text.includes(secret), `a secret leaked into: ${text.slice(0, 200)}`);
      }
    } finally {
      api.dispose();
    }
  });
});

/** The largest number of timestamps (ms) inside any 1000 ms window. */
function maxInAnySecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= 1000) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
