import assert from 'node:assert/strict';
import TencentCloudSDKHttpException from 'tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception';
import { CallPipeline, type SdkRequester } from '../../../src/cloud/callPipeline';
import type { Credentials } from '../../../src/cloud/cloudApi';
import { RecordingLogger } from '../../support/recordingLogger';
import { CloudError } from '../../../src/cloud/cloudError';
import { contextCredential } from '../../../src/cloud/credentialContext';
import { AccountRateLimits } from '../../../src/cloud/accountRateLimits';
import { retryPolicy } from '../../../src/cloud/retryPolicy';
import { FakeClock, settle as flushMicrotasks } from '../support/fakeClock';

const SECRET_KEY = 'unitTestSecretKeyThatMustNeverBeLogged0';
const TOKEN = 'unitTestSessionTokenThatMustNeverBeLogged';

type Step = { ok: unknown } | { fail: unknown } | 'hang';

/** Plays a script of outcomes, one per request; records what the SDK would have signed with. */
class ScriptedRequester implements SdkRequester {
  readonly seen: { action: string; credentials: Credentials }[] = [];
  constructor(private readonly script: Step[]) {}
  async request(action: string, _request: unknown, options: { signal?: AbortSignal }): Promise<unknown> {
    const credentials = await contextCredential.getCredential();
    this.seen.push({ action, credentials });
    const step = this.script.shift() ?? { fail: new Error('script exhausted') };
    if (step === 'hang') {
      return new Promise((_resolve, reject) => {
        options.signal?.addEventListener('abort', () => reject(new TencentCloudSDKHttpException('The user aborted a request.', '', 't')));
      });
    }
    if ('fail' in step) throw step.fail;
    return step.ok;
  }
}

function apiError(code: string, message = code): TencentCloudSDKHttpException {
  const error = new TencentCloudSDKHttpException(message, 'req-err', 'trace');
  error.code = code;
  return error;
}

function setup(options: { maxAttempts?: number; credentials?: () => Promise<Credentials> } = {}) {
  const clock = new FakeClock();
  const logger = new RecordingLogger();
  let reads = 0;
  const pipeline = new CallPipeline({
    credentials: {
      getCredentials: options.credentials ?? (async () => ({ secretId: `AKIDunit${++reads}`, secretKey: SECRET_KEY, token: TOKEN })),
    },
    logger,
    timeoutMs: 1000,
    retry: retryPolicy({ maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 100, maxDelayMs: 1000 }),
    budgets: new AccountRateLimits(clock).open(''),
    clock,
    random: () => 0.5,
  });
  return { clock, logger, pipeline };
}

/** Runs the call while advancing the fake clock, so backoffs and timeouts elapse. */
async function settle<T>(clock: FakeClock, promise: Promise<T>): Promise<{ value?: T; error?: CloudError }> {
  let outcome: { value?: T; error?: CloudError } | undefined;
  promise.then((value) => (outcome = { value }), (error: CloudError) => (outcome = { error }));
  for (let i = 0; i < 100 && outcome === undefined; i++) await clock.advance(100);
  assert.ok(outcome, 'the call settled');
  return outcome;
}

describe('CallPipeline', () => {
  it('retries a transient read failure with backoff, then succeeds; one log line per request', async () => {
    const { clock, logger, pipeline } = setup();
    const client = new ScriptedRequester([{ fail: apiError('InternalError') }, { fail: apiError('RequestLimitExceeded') }, { ok: { RequestId: 'req-ok', VpcSet: [] } }]);
    const outcome = await settle(clock, pipeline.call({ client, action: 'DescribeVpcs', region: 'ap-guangzhou', request: {}, isWrite: false }));
    assert.deepEqual(outcome.value, { RequestId: 'req-ok', VpcSet: [] });
    assert.equal(client.seen.length, 3);
    assert.deepEqual(logger.entries.map((l) => l.level), ['warn', 'warn', 'info']);
    assert.match(logger.entries[0].message, /^DescribeVpcs region=ap-guangzhou attempt=1\/3 duration=\d+ms requestId=req-err error=InternalError kind=api: .* \(retrying in 50ms\)$/);
    assert.match(logger.entries[1].message, /attempt=2\/3 .*error=RequestLimitExceeded kind=throttled.*retrying in 100ms/);
    assert.match(logger.entries[2].message, /^DescribeVpcs region=ap-guangzhou attempt=3\/3 duration=\d+ms requestId=req-ok ok$/);
  });

  it('gives up after the bound with the last error', async () => {
    const { clock, logger, pipeline } = setup({ maxAttempts: 2 });
    const client = new ScriptedRequester([{ fail: apiError('ServiceUnavailable') }, { fail: apiError('InternalError') }, { ok: {} }]);
    const { error } = await settle(clock, pipeline.call({ client, action: 'DescribeSubnets', region: 'ap-guangzhou', request: {}, isWrite: false }));
    assert.ok(error instanceof CloudError);
    assert.equal(error.code, 'InternalError');
    assert.equal(client.seen.length, 2);
    assert.equal(logger.entries.at(-1)?.level, 'error');
  });

  it('does not retry a read that cannot succeed later', async () => {
    const { clock, pipeline } = setup();
    const client = new ScriptedRequester([{ fail: apiError('InvalidParameter') }, { ok: {} }]);
    const { error } = await settle(clock, pipeline.call({ client, action: 'DescribeVpcs', region: 'r', request: {}, isWrite: false }));
    assert.equal(error?.code, 'InvalidParameter');
    assert.equal(client.seen.length, 1);
  });

  it('never retries a write, even after a transient failure', async () => {
    const { clock, pipeline } = setup();
    const client = new ScriptedRequester([{ fail: apiError('RequestLimitExceeded') }, { ok: { TaskId: 1 } }]);
    const { error } = await settle(clock, pipeline.call({ client, action: 'CreateReadOnlyGroupNetworkAccess', region: 'r', request: {}, isWrite: true }));
    assert.equal(error?.kind, 'throttled');
    assert.equal(client.seen.length, 1);
  });

  it('times out a request that does not answer; a write is then ambiguous and sent once', async () => {
    const { clock, logger, pipeline } = setup();
    const client = new ScriptedRequester(['hang', { ok: {} }]);
    const { error } = await settle(clock, pipeline.call({ client, action: 'DeleteReadOnlyGroupNetworkAccess', region: 'r', request: {}, isWrite: true }));
    assert.equal(error?.kind, 'timeout');
    assert.equal(error?.ambiguous, true);
    assert.equal(client.seen.length, 1);
    assert.match(logger.entries[0].message, /duration=1000ms .*error=ClientError.Timeout kind=timeout ambiguous/);
  });

  it('a timed-out read is retried', async () => {
    const { clock, pipeline } = setup();
    const client = new ScriptedRequester(['hang', { ok: { RequestId: 'x' } }]);
    const { value } = await settle(clock, pipeline.call({ client, action: 'DescribeTasks', region: 'r', request: {}, isWrite: false }));
    assert.deepEqual(value, { RequestId: 'x' });
    assert.equal(client.seen.length, 2);
  });

  it('cancels an in-flight request and does not retry it', async () => {
    const { clock, pipeline } = setup();
    const client = new ScriptedRequester(['hang', { ok: {} }]);
    const controller = new AbortController();
    const call = pipeline.call({ client, action: 'DescribeVpcs', region: 'r', request: {}, isWrite: false, signal: controller.signal });
    await flushMicrotasks();
    controller.abort();
    const { error } = await settle(clock, call);
    assert.equal(error?.kind, 'cancelled');
    assert.equal(client.seen.length, 1);
  });

  it('cancels during the backoff without sending again', async () => {
    const { clock, pipeline } = setup();
    const client = new ScriptedRequester([{ fail: apiError('InternalError') }, { ok: {} }]);
    const controller = new AbortController();
    const call = pipeline.call({ client, action: 'DescribeVpcs', region: 'r', request: {}, isWrite: false, signal: controller.signal });
    await flushMicrotasks();
    assert.equal(client.seen.length, 1);
    controller.abort();
    const { error } = await settle(clock, call);
    assert.equal(error?.kind, 'cancelled');
    assert.equal(client.seen.length, 1);
  });

  it('an already-aborted write is refused before sending and is not ambiguous', async () => {
    const { clock, pipeline } = setup();
    const client = new ScriptedRequester([{ ok: {} }]);
    const controller = new AbortController();
    controller.abort();
    const { error } = await settle(clock, pipeline.call({ client, action: 'CreateReadOnlyGroupNetworkAccess', region: 'r', request: {}, isWrite: true, signal: controller.signal }));
    assert.equal(error?.kind, 'cancelled');
    assert.equal(error?.ambiguous, false);
    assert.equal(client.seen.length, 0);
  });

  it('reads the credentials on every request', async () => {
    const { clock, pipeline } = setup();
    const client = new ScriptedRequester([{ fail: apiError('InternalError') }, { ok: {} }, { ok: {} }]);
    await settle(clock, pipeline.call({ client, action: 'DescribeVpcs', region: 'r', request: {}, isWrite: false }));
    await settle(clock, pipeline.call({ client, action: 'DescribeVpcs', region: 'r', request: {}, isWrite: false }));
    assert.deepEqual(client.seen.map((s) => s.credentials.secretId), ['AKIDunit1', 'AKIDunit2', 'AKIDunit3']);
    assert.equal(client.seen[0].credentials.token, TOKEN);
  });

  it('reports missing credentials as such, without sending and without quoting the provider', async () => {
    for (const provider of [
      async () => { throw new Error(`vault said ${SECRET_KEY}`); },
      async () => ({ secretId: 'AKIDx', secretKey: '' }),
    ]) {
      const { clock, logger, pipeline } = setup({ credentials: provider });
      const client = new ScriptedRequester([{ ok: {} }]);
      const { error } = await settle(clock, pipeline.call({ client, action: 'DescribeVpcs', region: 'r', request: {}, isWrite: false }));
      assert.equal(error?.kind, 'auth');
      assert.equal(error?.code, 'ClientError.CredentialsUnavailable');
      assert.equal(error?.retryable, false);
      assert.equal(client.seen.length, 0);
      assert.ok(!error?.message.includes(SECRET_KEY));
      assert.equal(error?.cause, undefined, "the provider's error is not kept");
      assert.ok(logger.entries.every((l) => !l.message.includes(SECRET_KEY)));
    }
  });

  it('never lets a secret reach a log line or an error message, even when the API echoes it', async () => {
    const { clock, logger, pipeline } = setup({ maxAttempts: 1 });
    const client = new ScriptedRequester([{ fail: apiError('InvalidParameter', `bad key ${SECRET_KEY} with token ${TOKEN}`) }]);
    const { error } = await settle(clock, pipeline.call({ client, action: 'DescribeVpcs', region: 'r', request: {}, isWrite: false }));
    assert.equal(error?.code, 'InvalidParameter');
    assert.match(error?.message ?? '', /bad key \*\*\* with token \*\*\*/);
    assert.equal(error?.cause, undefined, 'the unredacted original is not kept');
    assert.ok(logger.lines.length > 0);
    for (const line of logger.entries) {
      assert.ok(!line.message.includes(SECRET_KEY) && !line.message.includes(TOKEN), line.message);
    }
  });

  it('queues requests above the action limit of the account instead of sending them', async () => {
    const { clock, pipeline } = setup({ credentials: async () => ({ secretId: 'AKIDone', secretKey: SECRET_KEY }) });
    const script: Step[] = Array.from({ length: 25 }, () => ({ ok: {} }));
    const client = new ScriptedRequester(script);
    const calls = Array.from({ length: 25 }, () => pipeline.call({ client, action: 'DescribeTasks', region: 'r', request: {}, isWrite: false }));
    await flushMicrotasks();
    assert.equal(client.seen.length, 20);
    await clock.advance(1200);
    await Promise.all(calls);
    assert.equal(client.seen.length, 25);
  });

  it('counts each account (SecretId) against its own budget', async () => {
    let reads = 0;
    const { pipeline } = setup({ credentials: async () => ({ secretId: `AKIDaccount${reads++ % 2}`, secretKey: SECRET_KEY }) });
    const client = new ScriptedRequester(Array.from({ length: 40 }, () => ({ ok: {} })));
    for (let i = 0; i < 40; i++) void pipeline.call({ client, action: 'DescribeTasks', region: 'r', request: {}, isWrite: false });
    await flushMicrotasks();
    assert.equal(client.seen.length, 40, 'two accounts, 20 each: nobody waits');
  });
});
