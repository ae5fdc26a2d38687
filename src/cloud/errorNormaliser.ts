import { TencentCloudSDKHttpException } from './sdk';
import { CloudError, type CloudErrorKind } from './cloudError';

/** Synthetic codes for failures that did not come with an API error code. */
export const ClientErrorCode = {
  cancelled: 'ClientError.Cancelled',
  timeout: 'ClientError.Timeout',
  network: 'ClientError.Network',
  httpStatus: 'ClientError.HttpStatus',
  invalidResponse: 'ClientError.InvalidResponse',
  credentialsUnavailable: 'ClientError.CredentialsUnavailable',
} as const;

/** What the caller knows about the attempt that failed, beyond the thrown value. */
export interface FailureContext {
  readonly action: string;
  readonly region?: string;
  /** Create/Delete: may change the cloud, so a failure half-way is ambiguous. */
  readonly isWrite: boolean;
  /** The caller's AbortSignal fired. */
  readonly cancelled?: boolean;
  /** Our own per-request timer fired. */
  readonly timedOut?: boolean;
  readonly timeoutMs?: number;
  /** False when the failure happened before the request could leave (e.g. cancelled while queued). Default true. */
  readonly requestStarted?: boolean;
}

/** Error codes after which the same read may succeed later. */
export function isTransientCode(code: string): boolean {
  return (
    code.startsWith('RequestLimitExceeded') ||
    code.startsWith('InternalError') ||
    code === 'ServiceUnavailable' ||
    code.startsWith('ServiceUnavailable.')
  );
}

/** Network failures that happen before any byte reaches the server: a write cannot have taken effect. */
const NEVER_SENT_REASONS = /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|ERR_INVALID_URL|ERR_INVALID_CHAR|ERR_INVALID_HTTP_TOKEN)\b/;

/**
 * Refusals raised while the request is built, before a byte is written: node-fetch's header check (a key with a
 * line break in it), Node's own, and the endpoint pin (pinnedAgent). The write cannot have reached anyone.
 */
const REFUSED_BEFORE_SENDING = /is not a legal HTTP header (value|name)|Invalid character in header content|refused to send to /;

interface Classified {
  readonly kind: CloudErrorKind;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  /** The failure itself is transient (ignoring whether the action is a write). */
  readonly transient: boolean;
  /** The request may have reached the server and been acted upon. */
  readonly mayHaveTakenEffect: boolean;
}

/**
 * Turns anything the SDK (or node-fetch under it) can throw into one CloudError.
 * See the facts table: SDK exception with `code` (API error) or `httpCode` (non-200), raw FetchError
 * (invalid-json, body-timeout), TypeError (JSON without Response), network timeout, connection errors, AbortError.
 */
export function normaliseError(error: unknown, context: FailureContext): CloudError {
  if (error instanceof CloudError) return error;
  const classified = classify(error, context);
  const mayHaveTakenEffect = context.requestStarted !== false && classified.mayHaveTakenEffect;
  const ambiguous = context.isWrite && mayHaveTakenEffect;
  const retryable = context.isWrite ? classified.transient && !mayHaveTakenEffect : classified.transient;
  return new CloudError(
    {
      kind: classified.kind,
      code: classified.code,
      message: classified.message,
      requestId: classified.requestId || undefined,
      action: context.action,
      region: context.region,
      httpStatus: classified.httpStatus,
      retryable,
      ambiguous,
    },
    { cause: error },
  );
}

function classify(error: unknown, context: FailureContext): Classified {
  // Our own signals first: once we aborted, whatever the SDK reports is a consequence.
  if (context.cancelled) return cancelled();
  if (context.timedOut) {
    return timeout(context.timeoutMs);
  }
  if (error instanceof TencentCloudSDKHttpException) {
    return classifySdkException(error, context);
  }
  const name = errorName(error);
  const message = errorMessage(error);
  if (name === 'FetchError') {
    const type = (error as { type?: unknown }).type;
    if (type === 'body-timeout' || type === 'request-timeout') return timeout(context.timeoutMs);
    if (type === 'system') return network(message);
    return invalidResponse(`The API answered with a body that is not valid JSON (${message}).`);
  }
  if (name === 'AbortError') return cancelled();
  if (error instanceof TypeError || error instanceof SyntaxError) {
    // The SDK reads `data.Response.Error` without checking: a JSON body without Response surfaces as a TypeError.
    return invalidResponse(`The API answered with an unexpected body (${message}).`);
  }
  return {
    kind: 'network',
    code: ClientErrorCode.network,
    message: `The request failed: ${message}`,
    transient: false,
    mayHaveTakenEffect: true,
  };
}

function classifySdkException(error: TencentCloudSDKHttpException, context: FailureContext): Classified {
  const requestId = typeof error.requestId === 'string' ? error.requestId : undefined;
  const message = typeof error.message === 'string' ? error.message : '';
  if (typeof error.code === 'string' && error.code !== '') {
    return classifyApiCode(error.code, message, requestId);
  }
  if (typeof error.httpCode === 'number') {
    const status = error.httpCode;
    const transient = status >= 500 || status === 429 || status === 408;
    return {
      kind: 'http',
      code: ClientErrorCode.httpStatus,
      message: `The API answered with HTTP ${status}${message ? ` ${message}` : ''}.`,
      httpStatus: status,
      requestId,
      transient,
      // A gateway error on a write says nothing about whether the service behind it acted.
      mayHaveTakenEffect: status >= 500,
    };
  }
  if (/network timeout at/i.test(message)) return timeout(context.timeoutMs);
  if (/aborted/i.test(message) && /user/i.test(message)) return cancelled();
  // "request to ... failed, reason: ...", and any other failure before the answer (e.g. a socket reset).
  return network(message);
}

function classifyApiCode(code: string, apiMessage: string, requestId: string | undefined): Classified {
  const transient = isTransientCode(code);
  let kind: CloudErrorKind = 'api';
  let message = apiMessage || code;
  if (code.startsWith('AuthFailure')) {
    kind = 'auth';
    if (code === 'AuthFailure.SignatureExpire') {
      message = `${message} (the request timestamp was refused: check that this computer's clock is correct)`;
    }
  } else if (code.startsWith('RequestLimitExceeded')) {
    kind = 'throttled';
  }
  return {
    kind,
    code,
    message,
    requestId,
    transient,
    // The API answered with an error, so the write was refused; except for internal errors, which say nothing
    // about how far the operation got: read the group back before sending it again.
    mayHaveTakenEffect: code.startsWith('InternalError'),
  };
}

function cancelled(): Classified {
  // Whether a cancelled write had already reached the server is decided by FailureContext.requestStarted.
  return { kind: 'cancelled', code: ClientErrorCode.cancelled, message: 'The request was cancelled.', transient: false, mayHaveTakenEffect: true };
}

function timeout(timeoutMs: number | undefined): Classified {
  const after = timeoutMs === undefined ? '' : ` within ${timeoutMs} ms`;
  return {
    kind: 'timeout',
    code: ClientErrorCode.timeout,
    message: `The API did not answer${after}.`,
    transient: true,
    mayHaveTakenEffect: true,
  };
}

function network(detail: string): Classified {
  const neverSent = NEVER_SENT_REASONS.test(detail) || REFUSED_BEFORE_SENDING.test(detail);
  return {
    kind: 'network',
    code: ClientErrorCode.network,
    message: `Could not reach the API: ${detail}`,
    transient: true,
    mayHaveTakenEffect: !neverSent,
  };
}

function invalidResponse(message: string): Classified {
  return { kind: 'invalidResponse', code: ClientErrorCode.invalidResponse, message, transient: true, mayHaveTakenEffect: true };
}

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string') {
    return (error as { name: string }).name;
  }
  return '';
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}
