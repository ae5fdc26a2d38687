/**
 * What went wrong, in the terms the UI needs to say it:
 * - api:             the API answered with Response.Error (code is the API's code);
 * - auth:            an AuthFailure.* code (bad key, bad signature, clock skew, token);
 * - throttled:       RequestLimitExceeded*;
 * - http:            a non-200 HTTP status;
 * - invalidResponse: the body was not JSON, or JSON without Response;
 * - timeout:         no complete answer within the timeout;
 * - network:         the connection failed (refused, reset, DNS);
 * - cancelled:       the caller aborted;
 * - config:          the extension's own settings refuse the call (message already written for the user); nothing
 *                    was sent.
 */
export type CloudErrorKind = 'api' | 'auth' | 'throttled' | 'http' | 'invalidResponse' | 'timeout' | 'network' | 'cancelled' | 'config';

export interface CloudErrorDetails {
  readonly kind: CloudErrorKind;
  /** The API's error code, or a synthetic one for non-API failures (e.g. "ClientError.Timeout"). */
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
  readonly action?: string;
  readonly region?: string;
  readonly httpStatus?: number;
  /** True when the same READ may succeed if sent again later. Writes are never retried blindly. */
  readonly retryable: boolean;
  /**
   * True when a write may or may not have taken effect (timeout, dropped connection, unreadable answer):
   * read the resource back before offering to send it again.
   */
  readonly ambiguous: boolean;
}

export class CloudError extends Error implements CloudErrorDetails {
  readonly kind: CloudErrorKind;
  readonly code: string;
  readonly requestId?: string;
  readonly action?: string;
  readonly region?: string;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly ambiguous: boolean;

  constructor(details: CloudErrorDetails, options?: { cause?: unknown }) {
    super(details.message, options);
    this.name = 'CloudError';
    this.kind = details.kind;
    this.code = details.code;
    this.requestId = details.requestId;
    this.action = details.action;
    this.region = details.region;
    this.httpStatus = details.httpStatus;
    this.retryable = details.retryable;
    this.ambiguous = details.ambiguous;
  }
}

/** A call made with no profile signed in: refused before anything is sent. */
export function notSignedInError(): CloudError {
  return new CloudError({ kind: 'auth', code: 'ClientError.NotSignedIn', message: 'Not signed in', retryable: false, ambiguous: false });
}

export function isCloudError(value: unknown): value is CloudError {
  return value instanceof CloudError;
}
