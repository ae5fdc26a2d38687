import * as assert from 'node:assert/strict';
import { AbstractClient } from 'tencentcloud-sdk-nodejs/tencentcloud/common/abstract_client';
import { ContractHarness, DEMO_CREDENTIAL, demoWorld, errorCodeOf, expectApiError, loopbackAgent, rawRequest } from './support';

const world = demoWorld();
const [, temporary, expired] = world.credentials;

describe('authentication (real SDK against the emulator)', () => {
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());
  afterEach(() => harness.emulator.control.apply({ op: 'reset' }));

  it('accepts the demo permanent key', async () => {
    const answer = await harness.postgres().DescribeRegions();
    assert.ok((answer.RegionSet ?? []).length >= 3);
  });

  it('AuthFailure.SecretIdNotFound for an unknown SecretId', async () => {
    const client = harness.postgres({ credential: { secretId: 'AKIDunknownKey0000000000000000000000', secretKey: 'x' } });
    await expectApiError(client.DescribeRegions(), 'AuthFailure.SecretIdNotFound');
  });

  it('AuthFailure.SignatureFailure for a wrong SecretKey', async () => {
    const client = harness.postgres({ credential: { ...DEMO_CREDENTIAL, secretKey: 'not-the-right-key' } });
    await expectApiError(client.DescribeRegions(), 'AuthFailure.SignatureFailure');
  });

  it('AuthFailure.SignatureExpire when the clocks differ by more than 300 s either way, not at 250 s', async () => {
    const client = harness.postgres();
    harness.emulator.control.apply({ op: 'setClock', offsetSeconds: 400 });
    await expectApiError(client.DescribeRegions(), 'AuthFailure.SignatureExpire');
    harness.emulator.control.apply({ op: 'setClock', offsetSeconds: -400 });
    await expectApiError(client.DescribeRegions(), 'AuthFailure.SignatureExpire');
    harness.emulator.control.apply({ op: 'setClock', offsetSeconds: 250 });
    assert.ok((await client.DescribeRegions()).RegionSet);
  });

  it('AuthFailure.InvalidAuthorization for a missing or malformed Authorization header', async () => {
    const headers = {
      'Content-Type': 'application/json',
      'X-TC-Action': 'DescribeRegions',
      'X-TC-Version': '2017-03-12',
      'X-TC-Timestamp': String(Math.floor(Date.now() / 1000)),
    };
    assert.equal(errorCodeOf(await rawRequest(harness.emulator.port, 'POST', '/', headers, '{}')), 'AuthFailure.InvalidAuthorization');
    const malformed = { ...headers, Authorization: `TC3-HMAC-SHA256 Credential=${DEMO_CREDENTIAL.secretId}/tc3_request, Signature=abc` };
    assert.equal(errorCodeOf(await rawRequest(harness.emulator.port, 'POST', '/', malformed, '{}')), 'AuthFailure.InvalidAuthorization');
  });

  it('accepts a temporary credential with its token', async () => {
    const client = harness.postgres({ credential: { secretId: temporary.secretId, secretKey: temporary.secretKey, token: temporary.token } });
    assert.ok((await client.DescribeRegions()).RegionSet);
  });

  it('AuthFailure.TokenFailure for a wrong, missing or expired token, or a token sent with a permanent key', async () => {
    const wrong = harness.postgres({ credential: { secretId: temporary.secretId, secretKey: temporary.secretKey, token: 'stale-token' } });
    await expectApiError(wrong.DescribeRegions(), 'AuthFailure.TokenFailure');
    const missing = harness.postgres({ credential: { secretId: temporary.secretId, secretKey: temporary.secretKey } });
    await expectApiError(missing.DescribeRegions(), 'AuthFailure.TokenFailure');
    const outdated = harness.postgres({ credential: { secretId: expired.secretId, secretKey: expired.secretKey, token: expired.token } });
    await expectApiError(outdated.DescribeRegions(), 'AuthFailure.TokenFailure');
    const permanentWithToken = harness.postgres({ credential: { ...DEMO_CREDENTIAL, token: 'unexpected' } });
    await expectApiError(permanentWithToken.DescribeRegions(), 'AuthFailure.TokenFailure');
  });

  it('a temporary credential expires by the emulator clock', async () => {
    const soon = demoWorld();
    soon.credentials[1].expiresAt = new Date(Date.now() + 100_000).toISOString();
    const shortLived = await ContractHarness.start({ world: soon });
    try {
      const client = shortLived.postgres({ credential: { secretId: temporary.secretId, secretKey: temporary.secretKey, token: temporary.token } });
      assert.ok((await client.DescribeRegions()).RegionSet);
      // 200 s later the signature is still inside its window, but the token is past its expiry.
      shortLived.emulator.control.apply({ op: 'setClock', offsetSeconds: 200 });
      await expectApiError(client.DescribeRegions(), 'AuthFailure.TokenFailure');
    } finally {
      await shortLived.close();
    }
  });

  describe('service taken from the credential scope', () => {
    const agent = loopbackAgent();
    after(() => agent.destroy());

    it('signs as `postgres` / `vpc` when the real host names are used', async () => {
      const postgres = harness.postgres({ endpoint: `postgres.tencentcloudapi.com:${harness.emulator.port}`, agent });
      assert.ok((await postgres.DescribeRegions()).RegionSet);
      const vpc = harness.vpc({ endpoint: `vpc.tencentcloudapi.com:${harness.emulator.port}`, agent });
      assert.ok((await vpc.DescribeVpcs({})).VpcSet);
    });

    it('InvalidAction when a product endpoint is asked for another product\'s action', async () => {
      const postgres = harness.postgres({ endpoint: `postgres.tencentcloudapi.com:${harness.emulator.port}`, agent });
      await expectApiError(postgres.request('DescribeVpcs', {}), 'InvalidAction');
      const vpc = harness.vpc({ endpoint: `vpc.tencentcloudapi.com:${harness.emulator.port}`, agent });
      await expectApiError(vpc.request('DescribeRegions', {}), 'InvalidAction');
    });

    it('an IP endpoint (service `127`) is routed by action alone', async () => {
      assert.ok((await harness.postgres().request('DescribeVpcs', {})).VpcSet);
    });

    it('the scope service is part of the signature', async () => {
      // Same request signed for `cvm` by a client whose endpoint starts with "cvm.": still valid, routed by action.
      const client = new AbstractClient(`cvm.tencentcloudapi.com:${harness.emulator.port}`, '2017-03-12', {
        credential: DEMO_CREDENTIAL,
        region: 'ap-guangzhou',
        profile: { httpProfile: { protocol: 'http://', reqTimeout: 5, agent } },
      });
      assert.ok((await client.request('DescribeRegions', {})).RegionSet);
    });
  });

  it('logs requests without signatures, keys or tokens', async () => {
    const client = harness.postgres({ credential: { secretId: temporary.secretId, secretKey: temporary.secretKey, token: temporary.token } });
    await client.DescribeRegions();
    const log = harness.emulator.control.requests();
    const entry = log.find((e) => e.secretId === temporary.secretId);
    assert.ok(entry, 'the call is logged');
    assert.equal(entry.action, 'DescribeRegions');
    assert.equal(entry.outcome, 'Success');
    assert.match(entry.requestId, /^[0-9a-f-]{36}$/);
    const text = JSON.stringify(log);
    for (const secret of [temporary.secretKey, temporary.token ?? '', 'Signature', 'TC3-HMAC']) assert.ok(!text.includes(secret), `log leaks ${secret.slice(0, 4)}…`);
  });
});
