import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharedAgent } from '../../src/cloud/endpoints';
import { pinnedAgent } from '../../src/cloud/pinnedAgent';
import { createTencentCloudApi } from '../../src/cloud/tencentCloudApi';
import { cloudErrorOf, DEMO_CREDENTIALS, RecordingLogger, SwitchableCredentials } from './clientHarness';

interface Loopback { readonly server: http.Server; readonly port: number; readonly hits: string[] }

/** A loopback server that records every request and answers with `answer`. */
async function serve(answer: (response: http.ServerResponse) => void): Promise<Loopback> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(`${request.method ?? ''} ${request.url ?? ''} token=${String(request.headers['x-tc-token'])}`);
    request.resume();
    request.on('end', () => answer(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

async function close(loopback: Loopback): Promise<void> {
  loopback.server.closeAllConnections();
  await new Promise<void>((resolve) => loopback.server.close(() => resolve()));
}

describe('cloud client: no request leaves for a host other than the endpoint', function () {
  this.timeout(10000);
  let elsewhere: Loopback;
  beforeEach(async () => {
    // Where a redirect points: it would answer a Create with a task, so a followed redirect would "succeed".
    elsewhere = await serve((response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ Response: { FlowId: 1, RequestId: 'elsewhere' } }));
    });
  });
  afterEach(async () => close(elsewhere));

  for (const status of [301, 302, 307, 308]) {
    it(`an HTTP ${status} answer fails the write, naming the endpoint, and the redirect is never followed`, async () => {
      const endpoint = await serve((response) => {
        response.statusCode = status;
        response.setHeader('Location', `http://127.0.0.1:${elsewhere.port}/`);
        response.end();
      });
      const api = createTencentCloudApi({
        site: 'intl',
        endpoint: `http://127.0.0.1:${endpoint.port}`,
        credentials: new SwitchableCredentials({ ...DEMO_CREDENTIALS, token: 'session-token-value' }),
        logger: new RecordingLogger(),
        timeoutMs: 2000,
        retry: { maxAttempts: 1 },
      });
      try {
        const error = await cloudErrorOf(
          api.createNetwork({ region: 'ap-guangzhou', groupId: 'pgrogrp-ehv9k8jn', vpcId: 'vpc-9jtwov7c', subnetId: 'subnet-unuu55q6' }),
        );
        assert.equal(endpoint.hits.length, 1, 'the write reached the endpoint once');
        assert.deepEqual(elsewhere.hits, [], 'nothing reached the other host');
        assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${endpoint.port} answered HTTP ${status}`));
        assert.match(error.message, /redirects are not followed/);
      } finally {
        api.dispose();
        await close(endpoint);
      }
    });
  }

  it('the pinned agent refuses to connect to any other host or port', async () => {
    const agent = pinnedAgent(sharedAgent('http:'), '127.0.0.1', elsewhere.port + 1);
    const failure = await new Promise<Error>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port: elsewhere.port, method: 'POST', agent }, () => reject(new Error('answered')));
      request.on('error', resolve);
      request.end('{}');
    });
    assert.match(failure.message, /refused to send to 127\.0\.0\.1:\d+: only the endpoint 127\.0\.0\.1:\d+ is allowed/);
    assert.deepEqual(elsewhere.hits, []);
  });
});
