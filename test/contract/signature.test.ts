import * as assert from 'node:assert/strict';
import { computeSignature, parseAuthorization, scopeDate } from '../emulator/signature';
import { startEmulator, type RunningEmulator, type WorldDefinition } from '../emulator';
import { errorCodeOf, rawRequest } from './support';

// The worked example of the TC3-HMAC-SHA256 documentation (literal backslash-u escapes in the body).
const EXAMPLE = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  host: 'cvm.tencentcloudapi.com',
  contentType: 'application/json; charset=utf-8',
  timestamp: 1551113065,
  service: 'cvm',
  body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  bodyHash: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
  canonicalRequestHash: '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
  signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
};

const exampleAuthorization = `TC3-HMAC-SHA256 Credential=${EXAMPLE.secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=${EXAMPLE.signature}`;

function exampleWorld(): WorldDefinition {
  return { credentials: [{ secretId: EXAMPLE.secretId, secretKey: EXAMPLE.secretKey }], regions: [] };
}

function exampleHeaders(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Host: EXAMPLE.host,
    'Content-Type': EXAMPLE.contentType,
    'X-TC-Action': 'DescribeInstances',
    'X-TC-Version': '2017-03-12',
    'X-TC-Region': 'ap-guangzhou',
    'X-TC-Timestamp': String(EXAMPLE.timestamp),
    Authorization: exampleAuthorization,
    ...overrides,
  };
}

describe('TC3-HMAC-SHA256 signature (documented worked example)', () => {
  it('reproduces the documented body hash, canonical request hash and signature', () => {
    const workings = computeSignature({
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': EXAMPLE.contentType, host: EXAMPLE.host },
      signedHeaders: ['content-type', 'host'],
      body: EXAMPLE.body,
      timestampSeconds: EXAMPLE.timestamp,
      date: scopeDate(EXAMPLE.timestamp),
      service: EXAMPLE.service,
      secretKey: EXAMPLE.secretKey,
    });
    assert.equal(scopeDate(EXAMPLE.timestamp), '2019-02-25');
    assert.equal(workings.payloadHash, EXAMPLE.bodyHash);
    assert.equal(workings.canonicalRequestHash, EXAMPLE.canonicalRequestHash);
    assert.equal(workings.signature, EXAMPLE.signature);
  });

  it('parses the documented Authorization header', () => {
    assert.deepEqual(parseAuthorization(exampleAuthorization), {
      secretId: EXAMPLE.secretId,
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: EXAMPLE.signature,
    });
    assert.equal(parseAuthorization('TC3-HMAC-SHA256 Credential=x, Signature=zz'), undefined);
  });

  describe('over HTTP with the clock fixed at the example instant', () => {
    let emulator: RunningEmulator;
    before(async () => {
      emulator = await startEmulator({ world: exampleWorld(), clock: { fixedEpochSeconds: EXAMPLE.timestamp } });
    });
    after(() => emulator.stop());

    it('accepts the documented request (it gets past authentication to action routing)', async () => {
      const answer = await rawRequest(emulator.port, 'POST', '/', exampleHeaders(), EXAMPLE.body);
      assert.equal(answer.status, 200);
      // The signature is valid; cvm's DescribeInstances is simply not an action this emulator serves.
      assert.equal(errorCodeOf(answer), 'InvalidAction');
    });

    it('verifies over the raw body bytes: the same JSON re-spaced fails', async () => {
      const answer = await rawRequest(emulator.port, 'POST', '/', exampleHeaders(), JSON.stringify(JSON.parse(EXAMPLE.body)));
      assert.equal(errorCodeOf(answer), 'AuthFailure.SignatureFailure');
    });

    it('signs the host without the port even when the Host header carries one', async () => {
      const answer = await rawRequest(emulator.port, 'POST', '/', exampleHeaders({ Host: `${EXAMPLE.host}:${emulator.port}` }), EXAMPLE.body);
      assert.equal(errorCodeOf(answer), 'InvalidAction');
    });

    it('refuses the example once the clock is more than 300 s later', async () => {
      emulator.control.apply({ op: 'setClock', fixedEpochSeconds: EXAMPLE.timestamp + 301 });
      try {
        const late = await rawRequest(emulator.port, 'POST', '/', exampleHeaders(), EXAMPLE.body);
        assert.equal(errorCodeOf(late), 'AuthFailure.SignatureExpire');
        emulator.control.apply({ op: 'setClock', fixedEpochSeconds: EXAMPLE.timestamp + 300 });
        const edge = await rawRequest(emulator.port, 'POST', '/', exampleHeaders(), EXAMPLE.body);
        assert.equal(errorCodeOf(edge), 'InvalidAction');
      } finally {
        emulator.control.apply({ op: 'setClock', fixedEpochSeconds: EXAMPLE.timestamp });
      }
    });

    it('honours whatever SignedHeaders lists (here also x-tc-action)', async () => {
      const signedHeaders = ['content-type', 'host', 'x-tc-action'];
      const headers = exampleHeaders();
      const signature = computeSignature({
        method: 'POST',
        path: '/',
        query: '',
        headers: { 'content-type': EXAMPLE.contentType, host: EXAMPLE.host, 'x-tc-action': 'DescribeInstances' },
        signedHeaders,
        body: EXAMPLE.body,
        timestampSeconds: EXAMPLE.timestamp,
        date: '2019-02-25',
        service: 'cvm',
        secretKey: EXAMPLE.secretKey,
      }).signature;
      headers['Authorization'] = `TC3-HMAC-SHA256 Credential=${EXAMPLE.secretId}/2019-02-25/cvm/tc3_request, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
      assert.equal(errorCodeOf(await rawRequest(emulator.port, 'POST', '/', headers, EXAMPLE.body)), 'InvalidAction');
      // The signed action header is part of the signature: changing it breaks it.
      headers['X-TC-Action'] = 'DescribeVpcs';
      assert.equal(errorCodeOf(await rawRequest(emulator.port, 'POST', '/', headers, EXAMPLE.body)), 'AuthFailure.SignatureFailure');
    });
  });
});
