// Check Reachability on networks as the client lists them from a world whose networks lie on loopback: the one
// test world where dialling a listed VIP is allowed. The world's ports are replaced with a live listener's port
// and a port just closed, so "reachable" and "refused" are real answers from this machine.
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import * as path from 'node:path';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { checkReachability } from '../../src/connection/reachability';
import { formatEnglish } from '../../src/domain/translate';
import { startEmulator, type RunningEmulator } from '../emulator';
import { loadWorldFile } from '../emulator/world';
import { makeApi } from './clientHarness';

const WORLD = path.resolve(__dirname, '..', '..', '..', 'test', 'emulator', 'worlds', 'loopback.json');

/** Listens on a loopback address of the world (all of 127.0.0.0/8 is this machine). */
async function listen(host: string): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  server.listen(0, host);
  await once(server, 'listening');
  return server;
}

describe('client: Check Reachability of listed loopback networks', () => {
  let emulator: RunningEmulator | undefined;
  let listener: Server | undefined;

  before(async () => {
    const world = loadWorldFile(WORLD);
    const [open, shut] = world.regions[0].primaryInstances[0].readOnlyGroups[0].networks;
    listener = await listen(open.ip);
    const closed = await listen(shut.ip);
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    Object.assign(open, { port: (listener.address() as AddressInfo).port });
    Object.assign(shut, { port: closedPort });
    emulator = await startEmulator({ world });
  });

  after(async () => {
    await emulator?.stop();
    await new Promise((resolve) => (listener ? listener.close(resolve) : resolve(undefined)));
  });

  it('finds the listener reachable and the closed port refused, dialling only loopback', async () => {
    assert.ok(emulator);
    const { api } = makeApi(emulator);
    try {
      const [group] = await api.listReadOnlyGroups('ap-guangzhou', 'postgres-loopback');
      assert.equal(group.networks.length, 2);
      const verdicts = [];
      for (const network of group.networks) {
        assert.ok(network.ip.startsWith('127.'), `the world lists ${network.ip}`);
        // The subnet's CIDR as DescribeSubnets lists it: the VIP is dialled only inside it.
        const subnetCidr = (await api.listSubnets('ap-guangzhou', network.vpcId)).find((subnet) => subnet.id === network.subnetId)?.cidr;
        verdicts.push((await checkReachability(network.ip, network.port, { endpointIsEmulator: true, t: formatEnglish, subnetCidr })).verdict);
      }
      assert.deepEqual(verdicts, ['reachable', 'refused']);
    } finally {
      api.dispose();
    }
  });
});
