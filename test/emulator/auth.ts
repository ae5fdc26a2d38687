/**
 * Authentication of one API request, in the order the checks can be made: header shape, key, time window,
 * signature, then the session token of temporary credentials.
 */
import { ApiError } from './apiError';
import { computeSignature, hostWithoutPort, parseAuthorization, scopeDate, signaturesEqual } from './signature';
import type { CredentialDefinition } from './world';

/** Signatures older or newer than this (seconds) are refused. */
export const SIGNATURE_WINDOW_SECONDS = 300;

export interface ReceivedRequest {
  readonly method: string;
  /** Path and query as received (e.g. "/"). */
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
}

export interface Authenticated {
  readonly secretId: string;
  /** Service named in the credential scope ("postgres", "vpc", or e.g. "127" when the client signed an IP endpoint). */
  readonly service: string;
}

export function authenticate(
  request: ReceivedRequest,
  findCredential: (secretId: string) => CredentialDefinition | undefined,
  nowSeconds: number,
): Authenticated {
  const authorization = parseAuthorization(request.headers['authorization']);
  if (!authorization) {
    throw new ApiError('AuthFailure.InvalidAuthorization', 'The Authorization header is missing or is not a valid TC3-HMAC-SHA256 authorization.');
  }
  if (!authorization.signedHeaders.includes('host')) {
    throw new ApiError('AuthFailure.InvalidAuthorization', 'SignedHeaders must include host.');
  }
  const timestampText = request.headers['x-tc-timestamp'];
  if (timestampText === undefined || timestampText === '') {
    throw new ApiError('MissingParameter', 'The request is missing a required parameter `Timestamp`.');
  }
  if (!/^\d+$/.test(timestampText)) {
    throw new ApiError('InvalidParameter', 'The parameter `Timestamp` must be an integer number of seconds.');
  }
  const timestamp = Number(timestampText);

  const credential = findCredential(authorization.secretId);
  if (!credential) throw new ApiError('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');

  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS) {
    throw new ApiError(
      'AuthFailure.SignatureExpire',
      `Signature expired. Timestamp date: ${new Date(timestamp * 1000).toISOString()}, server date: ${new Date(nowSeconds * 1000).toISOString()}.`,
    );
  }
  if (authorization.date !== scopeDate(timestamp)) {
    throw new ApiError('AuthFailure.SignatureFailure', 'The credential scope date does not match the request timestamp.');
  }

  const queryStart = request.url.indexOf('?');
  const headers = { ...request.headers, host: hostWithoutPort(request.headers['host'] ?? '') };
  const expected = computeSignature({
    method: request.method,
    path: queryStart < 0 ? request.url : request.url.slice(0, queryStart),
    query: queryStart < 0 ? '' : request.url.slice(queryStart + 1),
    headers,
    signedHeaders: authorization.signedHeaders,
    body: request.body,
    timestampSeconds: timestamp,
    date: authorization.date,
    service: authorization.service,
    secretKey: credential.secretKey,
  });
  if (!signaturesEqual(expected.signature, authorization.signature)) {
    throw new ApiError('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
  }

  checkToken(credential, request.headers['x-tc-token'], nowSeconds);
  return { secretId: authorization.secretId, service: authorization.service };
}

function checkToken(credential: CredentialDefinition, sentToken: string | undefined, nowSeconds: number): void {
  const token = sentToken === undefined || sentToken === '' ? undefined : sentToken;
  if (credential.token === undefined) {
    if (token !== undefined) throw new ApiError('AuthFailure.TokenFailure', 'A token was sent with a permanent key.');
    return;
  }
  if (token !== credential.token) throw new ApiError('AuthFailure.TokenFailure', 'The token is missing or invalid.');
  if (credential.expiresAt !== undefined && nowSeconds >= Date.parse(credential.expiresAt) / 1000) {
    throw new ApiError('AuthFailure.TokenFailure', 'The token has expired.');
  }
}
