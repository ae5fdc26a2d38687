import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupAddress } from 'node:dns';
import { createEndpointResolver, fixedLookup, isLoopbackHost, parseEndpointOverride, siteHost } from '../../../src/cloud/endpoints';

describe('endpoints', () => {
  it('names the real hosts of each site', () => {
    assert.equal(siteHost('intl', 'postgres'), 'postgres.intl.tencentcloudapi.com');
    assert.equal(siteHost('intl', 'vpc'), 'vpc.intl.tencentcloudapi.com');
    assert.equal(siteHost('china', 'postgres'), 'postgres.tencentcloudapi.com');
    assert.equal(siteHost('china', 'vpc'), 'vpc.tencentcloudapi.com');
  });

  it('uses https and an explicit agent without an override', () => {
    const resolver = createEndpointResolver('china');
    try {
      const target = resolver.resolve('vpc');
      assert.equal(target.protocol, 'https://');
      assert.equal(target.endpoint, 'vpc.tencentcloudapi.com');
      assert.ok(target.agent instanceof https.Agent, 'an explicit agent keeps env http_proxy out');
    } finally {
      resolver.dispose();
    }
  });

  it('recognises loopback hosts only', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1']) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ['10.0.0.1', '128.0.0.1', 'example.com', '::2', 'localhost.example.com', '0.0.0.0', '']) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });

  it('accepts http only towards loopback, with a clear error otherwise', () => {
    assert.equal(parseEndpointOverride('http://127.0.0.1:4567').loopback, true);
    assert.equal(parseEndpointOverride('http://[::1]:4567').host, '::1');
    assert.throws(() => parseEndpointOverride('http://10.1.2.3:4567'), /only allowed for loopback/);
    assert.throws(() => parseEndpointOverride('http://api.example.com'), /only allowed for loopback/);
    assert.equal(parseEndpointOverride('https://api.example.com').protocol, 'https:');
    assert.throws(() => parseEndpointOverride('ftp://127.0.0.1'), /only http:\/\/ and https:\/\//);
    assert.throws(() => parseEndpointOverride('not a url'), /Invalid endpoint override/);
    assert.throws(() => parseEndpointOverride('http://127.0.0.1:4567/some/path'), /only scheme, host and port/);
    assert.throws(() => parseEndpointOverride('http://user:pw@127.0.0.1:4567'), /only scheme, host and port/);
  });

  it('keeps a realistic service name in the signature scope for a loopback override', () => {
    const resolver = createEndpointResolver('intl', 'http://127.0.0.1:4567');
    try {
      const postgres = resolver.resolve('postgres');
      assert.equal(postgres.protocol, 'http://');
      assert.equal(postgres.endpoint, 'postgres.intl.tencentcloudapi.com:4567');
      assert.equal(postgres.endpoint.split('.')[0], 'postgres', 'the SDK takes the service from the first label');
      assert.equal(resolver.resolve('vpc').endpoint, 'vpc.intl.tencentcloudapi.com:4567');
      assert.ok(postgres.agent instanceof http.Agent);
    } finally {
      resolver.dispose();
    }
  });

  it('uses an https override as given', () => {
    const resolver = createEndpointResolver('china', 'https://gateway.example.com:8443');
    try {
      assert.equal(resolver.resolve('postgres').endpoint, 'gateway.example.com:8443');
      assert.equal(resolver.resolve('postgres').protocol, 'https://');
    } finally {
      resolver.dispose();
    }
  });

  it('resolves every name to the override address, in both lookup styles', () => {
    const lookup = fixedLookup('127.0.0.1');
    let single: unknown[] = [];
    lookup('postgres.intl.tencentcloudapi.com', {}, (...args) => (single = args));
    assert.deepEqual(single, [null, '127.0.0.1', 4]);
    let all: LookupAddress[] = [];
    lookup('vpc.tencentcloudapi.com', { all: true }, (_err, addresses) => (all = addresses as LookupAddress[]));
    assert.deepEqual(all, [{ address: '127.0.0.1', family: 4 }]);
    let v6: unknown[] = [];
    fixedLookup('::1')('x', {}, (...args) => (v6 = args));
    assert.deepEqual(v6, [null, '::1', 6]);
  });
});
