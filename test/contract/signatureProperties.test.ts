// Property tests of the emulator's TC3-HMAC-SHA256 verification: a request signed by an independent signer
// (node:crypto, written from the documentation, checked on its worked example) is accepted, and any change made
// after signing -- a body byte, a signed header, the timestamp, the credential scope, the signature -- is refused.
import * as assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { DEMO_SECRET_ID as SECRET_ID, DEMO_SECRET_KEY as SECRET_KEY, demoWorldPath, startEmulator, type RunningEmulator } from '../emulator';
import { rawRequest, type RawAnswer } from './support';

const OTHER_SECRET_ID = 'AKIDemulatorTempKey000000000000000000';
/** The emulator's clock is frozen here, so every timestamp below is deterministic. */
const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z
const RUNS = { numRuns: 40 };

interface SignedRequest {
  /** Header names as sent (lower case). */
  headers: Record<string, string>;
  body: Buffer;
}

interface SigningInput {
  secretId: string;
  secretKey: string;
  timestamp: number;
  /** Defaults to the UTC date of the timestamp. */
  date?: string;
  service: string;
  signedHeaders: readonly string[];
  headers: Record<string, string>;
  body: Buffer;
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const utcDate = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);

/** TC3-HMAC-SHA256 as the documentation describes it, independent of the emulator's own code. */
function authorization(input: SigningInput): string {
  const date = input.date ?? utcDate(input.timestamp);
  const canonicalHeaders = input.signedHeaders.map((name) => `${name}:${input.headers[name].trim().toLowerCase()}\n`).join('');
  const canonicalRequest = ['POST', '/', '', canonicalHeaders, input.signedHeaders.join(';'), sha256(input.body)].join('\n');
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(input.timestamp), scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(`TC3${input.secretKey}`, date), input.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=${input.signedHeaders.join(';')}, Signature=${signature}`;
}

/** DescribeDBInstances with a random page: valid parameters, so a correct signature is answered with data. */
const requestBody = fc
  .record({ Limit: fc.integer({ min: 1, max: 100 }), Offset: fc.integer({ min: 0, max: 50 }) }, { requiredKeys: [] })
  .map((params) => Buffer.from(JSON.stringify(params)));

function baseHeaders(timestamp: number): Record<string, string> {
  return {
    host: 'postgres.tencentcloudapi.com',
    'content-type': 'application/json',
    'x-tc-action': 'DescribeDBInstances',
    'x-tc-version': '2017-03-12',
    'x-tc-region': 'ap-guangzhou',
    'x-tc-timestamp': String(timestamp),
  };
}

function sign(body: Buffer, overrides: Partial<SigningInput> = {}): SignedRequest & { input: SigningInput } {
  const timestamp = overrides.timestamp ?? NOW;
  const input: SigningInput = {
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    timestamp,
    service: 'postgres',
    signedHeaders: ['content-type', 'host', 'x-tc-action'],
    headers: baseHeaders(timestamp),
    body,
    ...overrides,
  };
  return { input, headers: { ...input.headers, authorization: authorization(input) }, body };
}

function errorCode(answer: RawAnswer): string | undefined {
  const parsed = JSON.parse(answer.body) as { Response?: { Error?: { Code?: string } } };
  assert.ok(parsed.Response, `an API answer: ${answer.body.slice(0, 200)}`);
  return parsed.Response.Error?.Code;
}

describe('TC3 signature verification, property-based', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;

  const send = (request: SignedRequest): Promise<RawAnswer> => rawRequest(emulator.port, 'POST', '/', request.headers, request.body);

  before(async () => {
    emulator = await startEmulator({ world: demoWorldPath(), port: 0, clock: { fixedEpochSeconds: NOW }, rateLimits: false });
  });

  after(async () => {
    await emulator?.stop();
  });

  it('the independent signer reproduces the documented worked example', () => {
    const header = authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      timestamp: 1551113065,
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
      body: Buffer.from('{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'),
    });
    assert.match(header, /Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168$/);
  });

  it('accepts every correctly signed request, whatever the body and the time within the window', async () => {
    await fc.assert(
      fc.asyncProperty(requestBody, fc.integer({ min: -299, max: 299 }), async (body, skew) => {
        assert.equal(errorCode(await send(sign(body, { timestamp: NOW + skew }))), undefined);
      }),
      RUNS,
    );
  });

  it('refuses the request when any byte of the body changed after signing', async () => {
    await fc.assert(
      fc.asyncProperty(requestBody, fc.nat(), fc.integer({ min: 1, max: 255 }), async (body, position, flip) => {
        const signed = sign(body);
        const tampered = Buffer.from(body);
        const index = position % tampered.length;
        tampered[index] = tampered[index] ^ flip;
        assert.equal(errorCode(await send({ headers: signed.headers, body: tampered })), 'AuthFailure.SignatureFailure');
      }),
      RUNS,
    );
  });

  it('refuses the request when a signed header changed after signing', async () => {
    const changes = fc.oneof(
      fc.record({ name: fc.constant('content-type'), value: fc.constantFrom('text/plain', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded') }),
      fc.record({ name: fc.constant('host'), value: fc.constantFrom('vpc.tencentcloudapi.com', 'postgres.intl.tencentcloudapi.com', 'attacker.example') }),
      fc.record({ name: fc.constant('x-tc-action'), value: fc.constantFrom('DescribeReadOnlyGroups', 'DescribeRegions', 'DescribeTasks') }),
    );
    await fc.assert(
      fc.asyncProperty(requestBody, changes, async (body, change) => {
        const signed = sign(body);
        const headers = { ...signed.headers, [change.name]: change.value };
        assert.equal(errorCode(await send({ headers, body })), 'AuthFailure.SignatureFailure', `${change.name}: ${change.value}`);
      }),
      RUNS,
    );
  });

  it('refuses the request when its timestamp changed after signing (SignatureFailure inside the window, SignatureExpire outside)', async () => {
    await fc.assert(
      fc.asyncProperty(requestBody, fc.integer({ min: -5000, max: 5000 }).filter((delta) => delta !== 0), async (body, delta) => {
        const signed = sign(body);
        const headers = { ...signed.headers, 'x-tc-timestamp': String(NOW + delta) };
        const expected = Math.abs(delta) > 300 ? 'AuthFailure.SignatureExpire' : 'AuthFailure.SignatureFailure';
        assert.equal(errorCode(await send({ headers, body })), expected, `timestamp moved by ${delta} s`);
      }),
      RUNS,
    );
  });

  it('refuses a request signed with a different scope: date, service or SecretId', async () => {
    const scopes = fc.oneof(
      fc.integer({ min: 1, max: 400 }).map((days) => ({ date: utcDate(NOW + days * 86400 * (days % 2 === 0 ? 1 : -1)) })),
      fc.constantFrom('vpc', 'cvm', 'postgre', 'Postgres', '127').map((service) => ({ service, claimedService: 'postgres' })),
      fc.constant({ secretId: OTHER_SECRET_ID }),
    );
    await fc.assert(
      fc.asyncProperty(requestBody, scopes, async (body, scope) => {
        if ('claimedService' in scope) {
          // Signed for another service, but claiming postgres in the Credential scope.
          const signed = sign(body, { service: scope.service });
          const header = signed.headers.authorization.replace(`/${scope.service}/tc3_request`, '/postgres/tc3_request');
          const code = errorCode(await send({ headers: { ...signed.headers, authorization: header }, body }));
          assert.equal(code, 'AuthFailure.SignatureFailure');
          return;
        }
        if ('date' in scope) {
          // Signed with a scope date that is not the timestamp's date.
          assert.equal(errorCode(await send(sign(body, { date: scope.date }))), 'AuthFailure.SignatureFailure');
          return;
        }
        // Signed with the right key, but the scope names another (known) SecretId.
        const signed = sign(body);
        const header = signed.headers.authorization.replace(`Credential=${SECRET_ID}/`, `Credential=${scope.secretId}/`);
        assert.equal(errorCode(await send({ headers: { ...signed.headers, authorization: header }, body })), 'AuthFailure.SignatureFailure');
      }),
      RUNS,
    );
  });

  it('refuses a request whose signature has any hex digit changed, or whose SignedHeaders list changed', async () => {
    await fc.assert(
      fc.asyncProperty(requestBody, fc.nat(63), fc.integer({ min: 1, max: 15 }), fc.boolean(), async (body, position, add, dropHeader) => {
        const signed = sign(body);
        let header = signed.headers.authorization;
        if (dropHeader) {
          header = header.replace('SignedHeaders=content-type;host;x-tc-action', 'SignedHeaders=content-type;host');
        } else {
          const start = header.indexOf('Signature=') + 'Signature='.length;
          const digit = (parseInt(header[start + position], 16) + add) % 16;
          header = header.slice(0, start + position) + digit.toString(16) + header.slice(start + position + 1);
        }
        assert.equal(errorCode(await send({ headers: { ...signed.headers, authorization: header }, body })), 'AuthFailure.SignatureFailure');
      }),
      RUNS,
    );
  });
});
