import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { checkReachability } from '../../../src/connection/reachability';
import { isLoopbackEndpoint } from '../../../src/connection/endpoint';
import { formatEnglish } from '../../../src/domain/translate';
import { probeTcp } from '../../../src/reachability/probe';

/** The subnet the loopback VIPs of these tests live in: only an address inside its network's subnet is dialled. */
const LOOPBACK_SUBNET = '127.0.0.0/8';

const t = formatEnglish;

describe('connection/checkReachability', () => {
  it('says reachable when something listens on the loopback VIP', async () => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const report = await checkReachability('127.0.0.1', port, { endpointIsEmulator: true, t, subnetCidr: LOOPBACK_SUBNET });
      assert.equal(report.verdict, 'reachable');
      assert.match(report.message, /127\.0\.0\.1:\d+ is reachable from here/);
    } finally {
      server.close();
    }
  });

  it('says refused, and what it means, for a closed loopback port', async () => {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const report = await checkReachability('127.0.0.1', port, { endpointIsEmulator: true, t, subnetCidr: LOOPBACK_SUBNET });
    assert.equal(report.verdict, 'refused');
    assert.match(report.message, /nothing listens on that port/);
  });

  it('says timed out, and that this machine is probably not in the VPC, when nothing answers', async () => {
    // The injected connector hands back a socket that never connects: only the timeout can end the probe.
    const report = await checkReachability('127.0.0.2', 5432, {
      endpointIsEmulator: true,
      t,
      subnetCidr: LOOPBACK_SUBNET,
      probe: (host, port, options) => probeTcp(host, port, { ...options, timeoutMs: 20, connect: () => new Socket() }),
    });
    assert.equal(report.verdict, 'timedOut');
    assert.match(report.message, /not in that VPC/);
  });

  it('never dials an emulated network that is not on loopback', async () => {
    let dialled = false;
    const report = await checkReachability('10.0.1.10', 5432, {
      endpointIsEmulator: true,
      t,
      subnetCidr: LOOPBACK_SUBNET,
      probe: async () => {
        dialled = true;
        return { outcome: 'reachable' };
      },
    });
    assert.equal(report.verdict, 'notDialled');
    assert.equal(dialled, false);
    assert.match(report.message, /emulated network/);
  });

  it('tells a loopback endpoint (an emulator) from Tencent Cloud', () => {
    assert.equal(isLoopbackEndpoint('http://127.0.0.1:4567'), true);
    assert.equal(isLoopbackEndpoint('http://[::1]:4567'), true);
    assert.equal(isLoopbackEndpoint('http://localhost:4567'), true);
    assert.equal(isLoopbackEndpoint('https://postgres.tencentcloudapi.com'), false);
    assert.equal(isLoopbackEndpoint(undefined), false);
    assert.equal(isLoopbackEndpoint('not a url'), false);
  });

  it('dials only an address inside the network\'s own subnet, and nothing when the subnet could not be read', async () => {
    let dialled = 0;
    const probe = async (): Promise<{ outcome: 'reachable' }> => {
      dialled++;
      return { outcome: 'reachable' };
    };
    const outside = await checkReachability('10.0.9.10', 5432, { endpointIsEmulator: false, t, subnetCidr: '10.0.1.0/24', probe });
    assert.equal(outside.verdict, 'notDialled');
    assert.match(outside.message, /not inside its network's subnet 10\.0\.1\.0\/24/);
    const unknown = await checkReachability('10.0.1.10', 5432, { endpointIsEmulator: false, t, subnetCidr: undefined, probe });
    assert.equal(unknown.verdict, 'notDialled');
    assert.match(unknown.message, /subnet of 10\.0\.1\.10:5432 could not be read/);
    assert.equal(dialled, 0, 'nothing was dialled');
    const inside = await checkReachability('10.0.1.10', 5432, { endpointIsEmulator: false, t, subnetCidr: '10.0.1.0/24', probe });
    assert.equal(inside.verdict, 'reachable');
    assert.equal(dialled, 1);
  });
});
