/**
 * TC3-HMAC-SHA256, server side: parse the Authorization header, rebuild the canonical request from what was actually
 * received (raw body bytes, the headers named in SignedHeaders) and recompute the signature.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface ParsedAuthorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

const AUTHORIZATION_PATTERN =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request, ?SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*), ?Signature=([0-9a-f]{64})$/;

/** undefined when the header is absent or not a well-formed TC3 authorization. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const match = header === undefined ? null : AUTHORIZATION_PATTERN.exec(header.trim());
  if (!match) return undefined;
  const [, secretId, date, service, signedHeaders, signature] = match;
  return { secretId, date, service, signedHeaders: signedHeaders.split(';'), signature };
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** UTC calendar date of a Unix timestamp, as used in the credential scope. */
export function scopeDate(timestampSeconds: number): string {
  return new Date(timestampSeconds * 1000).toISOString().slice(0, 10);
}

/** The Host value that takes part in the signature: the host name without the port. */
export function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

export interface CanonicalRequestInput {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Header values by lower-case name, as received. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const headerLines = input.signedHeaders.map((name) => `${name}:${(input.headers[name] ?? '').trim().toLowerCase()}\n`).join('');
  return [input.method, input.path, input.query, headerLines, input.signedHeaders.join(';'), input.payloadHash].join('\n');
}

export function stringToSign(timestampSeconds: number, date: string, service: string, canonicalRequestHash: string): string {
  return `${TC3_ALGORITHM}\n${timestampSeconds}\n${date}/${service}/tc3_request\n${canonicalRequestHash}`;
}

export function signString(secretKey: string, date: string, service: string, toSign: string): string {
  const kDate = createHmac('sha256', `TC3${secretKey}`).update(date).digest();
  const kService = createHmac('sha256', kDate).update(service).digest();
  const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
  return createHmac('sha256', kSigning).update(toSign).digest('hex');
}

export interface SignatureInput extends Omit<CanonicalRequestInput, 'payloadHash'> {
  readonly body: Buffer | string;
  readonly timestampSeconds: number;
  readonly date: string;
  readonly service: string;
  readonly secretKey: string;
}

export interface SignatureWorkings {
  readonly payloadHash: string;
  readonly canonicalRequest: string;
  readonly canonicalRequestHash: string;
  readonly stringToSign: string;
  readonly signature: string;
}

/** Every intermediate value, so the documented worked example can be checked step by step. */
export function computeSignature(input: SignatureInput): SignatureWorkings {
  const payloadHash = sha256Hex(input.body);
  const canonical = canonicalRequest({ ...input, payloadHash });
  const canonicalRequestHash = sha256Hex(canonical);
  const toSign = stringToSign(input.timestampSeconds, input.date, input.service, canonicalRequestHash);
  return {
    payloadHash,
    canonicalRequest: canonical,
    canonicalRequestHash,
    stringToSign: toSign,
    signature: signString(input.secretKey, input.date, input.service, toSign),
  };
}

export function signaturesEqual(expectedHex: string, actualHex: string): boolean {
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(actualHex, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
