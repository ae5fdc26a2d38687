import assert from 'node:assert/strict';
import TencentCloudSDKHttpException from 'tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception';
import { CloudError } from '../../../src/cloud/cloudError';
import { ClientErrorCode, isTransientCode, normaliseError, type FailureContext } from '../../../src/cloud/errorNormaliser';

// The real node-fetch classes the SDK lets through (node-fetch v2 ships no types).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFetch = require('node-fetch') as {
  FetchError: new (message: string, type: string, systemError?: object) => Error & { type: string };
  AbortError: new (message: string) => Error;
};

const read: FailureContext = { action: 'DescribeVpcs', region: 'ap-guangzhou', isWrite: false, timeoutMs: 1500 };
const write: FailureContext = { action: 'CreateReadOnlyGroupNetworkAccess', region: 'ap-guangzhou', isWrite: true, timeoutMs: 1500 };

function apiError(code: string, message = 'api says no', requestId = 'req-1'): TencentCloudSDKHttpException {
  const error = new TencentCloudSDKHttpException(message, requestId, 'trace-1');
  error.code = code;
  return error;
}

function httpError(status: number): TencentCloudSDKHttpException {
  const error = new TencentCloudSDKHttpException('Service Unavailable', '', 'trace-2');
  error.httpCode = status;
  return error;
}

function wrapped(message: string): TencentCloudSDKHttpException {
  return new TencentCloudSDKHttpException(message, '', 'trace-3');
}

describe('normaliseError', () => {
  it('keeps an API error code, message, request id and context', () => {
    const error = normaliseError(apiError('FailedOperation.NetworkNumLimitError', 'at most 2'), write);
    assert.ok(error instanceof CloudError);
    assert.equal(error.kind, 'api');
    assert.equal(error.code, 'FailedOperation.NetworkNumLimitError');
    assert.equal(error.message, 'at most 2');
    assert.equal(error.requestId, 'req-1');
    assert.equal(error.action, 'CreateReadOnlyGroupNetworkAccess');
    assert.equal(error.region, 'ap-guangzhou');
    assert.equal(error.retryable, false);
    assert.equal(error.ambiguous, false, 'a refused write did not happen');
  });

  it('sorts API codes into auth, throttled and api, with the right retryability', () => {
    const cases: [string, string, boolean][] = [
      ['AuthFailure.SignatureFailure', 'auth', false],
      ['AuthFailure.SecretIdNotFound', 'auth', false],
      ['RequestLimitExceeded', 'throttled', true],
      ['RequestLimitExceeded.UinLimitExceeded', 'throttled', true],
      ['InternalError', 'api', true],
      ['InternalError.FlowError', 'api', true],
      ['ServiceUnavailable', 'api', true],
      ['InvalidParameter', 'api', false],
      ['UnsupportedRegion', 'api', false],
    ];
    for (const [code, kind, retryable] of cases) {
      const error = normaliseError(apiError(code), read);
      assert.equal(error.kind, kind, code);
      assert.equal(error.retryable, retryable, code);
      assert.equal(error.ambiguous, false, code);
    }
  });

  it('blames the clock when the signature expired', () => {
    const error = normaliseError(apiError('AuthFailure.SignatureExpire', 'expired'), read);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /clock/);
  });

  it('marks an internal error on a write ambiguous and not retryable', () => {
    const error = normaliseError(apiError('InternalError.FlowError'), write);
    assert.equal(error.ambiguous, true);
    assert.equal(error.retryable, false);
  });

  it('a throttled write was not executed: retryable, not ambiguous', () => {
    const error = normaliseError(apiError('RequestLimitExceeded'), write);
    assert.equal(error.kind, 'throttled');
    assert.equal(error.retryable, true);
    assert.equal(error.ambiguous, false);
  });

  it('turns an HTTP status into kind http with the status', () => {
    const error = normaliseError(httpError(503), read);
    assert.equal(error.kind, 'http');
    assert.equal(error.code, ClientErrorCode.httpStatus);
    assert.equal(error.httpStatus, 503);
    assert.equal(error.retryable, true);
    assert.equal(error.requestId, undefined, 'an empty request id is no request id');
    assert.equal(normaliseError(httpError(403), read).retryable, false);
    assert.equal(normaliseError(httpError(429), read).retryable, true);
    const onWrite = normaliseError(httpError(502), write);
    assert.equal(onWrite.ambiguous, true);
    assert.equal(onWrite.retryable, false);
  });

  it('turns a non-JSON body (FetchError invalid-json) into invalidResponse', () => {
    const cause = new nodeFetch.FetchError('invalid json response body at http://x/ reason: Unexpected token <', 'invalid-json');
    const error = normaliseError(cause, read);
    assert.equal(error.kind, 'invalidResponse');
    assert.equal(error.code, ClientErrorCode.invalidResponse);
    assert.equal(error.retryable, true);
    assert.equal(error.cause, cause);
    assert.equal(normaliseError(cause, write).ambiguous, true);
  });

  it('turns JSON without Response (a TypeError inside the SDK) into invalidResponse', () => {
    const error = normaliseError(new TypeError("Cannot read properties of undefined (reading 'Error')"), write);
    assert.equal(error.kind, 'invalidResponse');
    assert.equal(error.ambiguous, true);
  });

  it('turns a stalled body (FetchError body-timeout) into timeout', () => {
    const error = normaliseError(new nodeFetch.FetchError('Response timeout while trying to fetch http://x/ (over 1000ms)', 'body-timeout'), read);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.code, ClientErrorCode.timeout);
    assert.equal(error.retryable, true);
  });

  it('turns the SDK "network timeout" message into timeout, ambiguous for a write', () => {
    const error = normaliseError(wrapped('network timeout at: http://postgres.tencentcloudapi.com/'), write);
    assert.equal(error.kind, 'timeout');
    assert.equal(error.ambiguous, true);
    assert.equal(error.retryable, false);
  });

  it('trusts its own timer over whatever the SDK reports after the abort', () => {
    const error = normaliseError(wrapped('The user aborted a request.'), { ...write, timedOut: true });
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /1500 ms/);
    assert.equal(error.ambiguous, true);
  });

  it('connection refused is a network error that never reached the server', () => {
    const message = 'request to http://postgres.tencentcloudapi.com:1/ failed, reason: connect ECONNREFUSED 127.0.0.1:1';
    const onRead = normaliseError(wrapped(message), read);
    assert.equal(onRead.kind, 'network');
    assert.equal(onRead.retryable, true);
    const onWrite = normaliseError(wrapped(message), write);
    assert.equal(onWrite.ambiguous, false, 'nothing was sent');
    assert.equal(onWrite.retryable, true);
  });

  it('a dropped connection may have delivered a write', () => {
    const error = normaliseError(wrapped('request to http://x/ failed, reason: socket hang up'), write);
    assert.equal(error.kind, 'network');
    assert.equal(error.ambiguous, true);
    assert.equal(error.retryable, false);
  });

  it('a raw FetchError of type system is a network error', () => {
    const error = normaliseError(new nodeFetch.FetchError('request to http://x/ failed, reason: read ECONNRESET', 'system'), read);
    assert.equal(error.kind, 'network');
  });

  it('cancellation: by the caller, or an AbortError from the body', () => {
    const byCaller = normaliseError(wrapped('The user aborted a request.'), { ...read, cancelled: true });
    assert.equal(byCaller.kind, 'cancelled');
    assert.equal(byCaller.retryable, false);
    const fromBody = normaliseError(new nodeFetch.AbortError('The user aborted a request.'), read);
    assert.equal(fromBody.kind, 'cancelled');
    const wrappedAbort = normaliseError(wrapped('The user aborted a request.'), read);
    assert.equal(wrappedAbort.kind, 'cancelled');
  });

  it('a write cancelled before it was sent is not ambiguous; after, it is', () => {
    assert.equal(normaliseError(undefined, { ...write, cancelled: true, requestStarted: false }).ambiguous, false);
    assert.equal(normaliseError(undefined, { ...write, cancelled: true }).ambiguous, true);
  });

  it('never throws and always yields a CloudError, whatever is thrown', () => {
    for (const thrown of [undefined, null, 42, 'text', {}, { message: 7 }, new Error('boom'), Symbol('s')]) {
      const error = normaliseError(thrown, read);
      assert.ok(error instanceof CloudError);
      assert.equal(typeof error.message, 'string');
      assert.equal(typeof error.code, 'string');
    }
  });

  it('returns a CloudError unchanged', () => {
    const original = normaliseError(apiError('InvalidParameter'), read);
    assert.equal(normaliseError(original, write), original);
  });

  it('knows which codes are transient', () => {
    assert.equal(isTransientCode('RequestLimitExceeded.IPLimitExceeded'), true);
    assert.equal(isTransientCode('ServiceUnavailable'), true);
    assert.equal(isTransientCode('ResourceNotFound'), false);
    assert.equal(isTransientCode('FailedOperation.FailedOperationError'), false);
  });
});
