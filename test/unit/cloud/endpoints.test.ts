import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as https from 'node:https';
import { isLoopbackHost, parseEndpointOverride } from '../../../src/cloud/endpointOverride';
import { createEndpointResolver, siteHost } from '../../../src/cloud/endpoints';

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

  it('sends both products to a loopback override as given, over plain http', () => {
    const resolver = createEndpointResolver('intl', 'http://127.0.0.1:4567');
    try {
      const postgres = resolver.resolve('postgres');
      assert.equal(postgres.protocol, 'http://');
      assert.equal(postgres.endpoint, '127.0.0.1:4567');
      assert.equal(resolver.resolve('vpc').endpoint, '127.0.0.1:4567');
      assert.ok(postgres.agent instanceof http.Agent);
    } finally {
      resolver.dispose();
    }
  });

  it('addresses an IPv6 loopback override in brackets', () => {
    const resolver = createEndpointResolver('intl', 'http://[::1]:4567');
    try {
      assert.equal(resolver.resolve('postgres').endpoint, '[::1]:4567');
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
});
