import * as assert from 'node:assert/strict';
import { WorldValidationError, startEmulator, validateWorld, type WorldDefinition } from '../emulator';
import { demoWorld } from './support';

// The world is edited as loose JSON on purpose: these tests feed shapes the types would not allow.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseJson = Record<string, any>;

function broken(mutate: (world: LooseJson) => void): unknown {
  const world = demoWorld() as unknown as LooseJson;
  mutate(world);
  return world;
}

function expectInvalid(world: unknown, message: string): void {
  assert.throws(() => validateWorld(world), (error: unknown) => {
    assert.ok(error instanceof WorldValidationError);
    assert.equal(error.message, message);
    return true;
  });
}

describe('world files', () => {
  it('the validator names the bad field path', () => {
    expectInvalid(broken((w) => (w.regions[2].primaryInstances[0].vpcId = 42)), 'world.regions[2].primaryInstances[0].vpcId: expected string');
    expectInvalid(broken((w) => delete w.regions[0].vpcs[1].subnets[0].zone), 'world.regions[0].vpcs[1].subnets[0].zone: required string is missing');
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[1].readOnlyGroups[0].status = 'busy')),
      'world.regions[0].primaryInstances[1].readOnlyGroups[0].status: expected one of creating|ok|modifying|deleting|deleted, got "busy"');
    expectInvalid(broken((w) => (w.regions[1].colour = 'red')), 'world.regions[1].colour: unknown field');
    expectInvalid(broken((w) => (w.credentials = {})), 'world.credentials: expected array');
  });

  it('checks references and addresses between resources', () => {
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[0].subnetId = 'subnet-nowhere')),
      `world.regions[0].primaryInstances[0].subnetId: subnet "subnet-nowhere" is not defined in VPC ${demoWorld().regions[0].primaryInstances[0].vpcId}`);
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[0].readOnlyGroups[0].networks[0].ip = '10.0.2.1')),
      'world.regions[0].primaryInstances[0].readOnlyGroups[0].networks[0].ip: 10.0.2.1 is a reserved address of 10.0.2.0/24');
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[0].readOnlyGroups[0].networks[0].ip = '10.0.5.7')),
      /* outside the subnet */ `world.regions[0].primaryInstances[0].readOnlyGroups[0].networks[0].ip: 10.0.5.7 is outside subnet ${demoWorld().regions[0].vpcs[0].subnets[1].subnetId} (10.0.2.0/24)`);
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[1].vip = w.regions[0].primaryInstances[0].vip)),
      'world.regions[0].primaryInstances[1].vip: 10.0.2.10 is already used at world.regions[0].primaryInstances[0].vip');
    expectInvalid(broken((w) => (w.credentials[1].secretId = w.credentials[0].secretId)),
      'world.credentials[1].secretId: duplicate secretId "AKIDemulatorDemoKey000000000000000000" (also at world.credentials[0].secretId)');
    expectInvalid(broken((w) => (w.regions[0].vpcs[0].subnets[3].availableIpAddressCount = 12)),
      'world.regions[0].vpcs[0].subnets[3].availableIpAddressCount: 12 exceeds the 11 addresses left free by the subnet\'s holders');
  });

  it("checks a primary's networks: 1 or 2, private, addresses, and vip as one of them", () => {
    // sessions-db (index 11) is given as networks; orders-db (index 0) as vip.
    expectInvalid(broken((w) => delete w.regions[0].primaryInstances[0].vip), 'world.regions[0].primaryInstances[0].vip: required string is missing');
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[11].networks = [])), 'world.regions[0].primaryInstances[11].networks: a primary instance has 1 or 2 networks');
    expectInvalid(broken((w) => w.regions[0].primaryInstances[11].networks.push({ ...w.regions[0].primaryInstances[11].networks[0], ip: '10.0.3.99' })),
      'world.regions[0].primaryInstances[11].networks: a primary instance has 1 or 2 networks');
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[11].networks[1].netType = 'public')),
      "world.regions[0].primaryInstances[11].networks[1].netType: a primary's networks are private or inner");
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[11].vip = '10.0.3.99')),
      "world.regions[0].primaryInstances[11].vip: 10.0.3.99 is not the address of one of the primary's networks");
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[11].networks[1].ip = w.regions[0].primaryInstances[0].vip)),
      'world.regions[0].primaryInstances[11].networks[1].ip: 10.0.2.10 is outside subnet subnet-unuu55q6 (172.16.2.0/24)');
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[11].networks[0].ip = w.regions[0].primaryInstances[2].vip)),
      'world.regions[0].primaryInstances[11].networks[0].ip: 10.0.3.12 is already used at world.regions[0].primaryInstances[2].vip');
    expectInvalid(broken((w) => (w.regions[0].primaryInstances[1].publicAddress.status = 'up')),
      'world.regions[0].primaryInstances[1].publicAddress.status: expected one of initing|opened|closed|opening|closing, got "up"');
    expectInvalid(broken((w) => delete w.regions[0].primaryInstances[1].publicAddress.port),
      'world.regions[0].primaryInstances[1].publicAddress.port: required integer is missing');
    // Both forms together are accepted when they agree.
    validateWorld(broken((w) => (w.regions[0].primaryInstances[11].vip = '10.0.3.21')));
  });

  it('startEmulator refuses an invalid world with the same error', async () => {
    await assert.rejects(startEmulator({ world: broken((w) => (w.regions[0].regionId = 'one')) as WorldDefinition }), /world\.regions\[0\]\.regionId: expected integer/);
    await assert.rejects(startEmulator({ world: '/nonexistent/world.json' }), WorldValidationError);
  });

  it('the demo world shows every state', () => {
    const world = validateWorld(demoWorld());
    const guangzhou = world.regions.find((r) => r.region === 'ap-guangzhou');
    assert.ok(guangzhou && guangzhou.primaryInstances.length > 10, 'more primaries than one default page');
    for (const region of ['ap-guangzhou', 'ap-shanghai', 'ap-singapore']) assert.ok(world.regions.some((r) => r.region === region && r.supported));
    assert.ok(world.regions.some((r) => !r.supported), 'an unsupported region');
    const groups = world.regions.flatMap((r) => r.primaryInstances.flatMap((p) => p.readOnlyGroups));
    for (const count of [0, 1, 2]) assert.ok(groups.some((g) => g.networks.length === count), `a group with ${count} networks`);
    assert.ok(groups.some((g) => g.status === 'modifying' && g.networks.some((n) => n.status === 'opening')));
    const subnets = world.regions.flatMap((r) => r.vpcs.flatMap((v) => v.subnets));
    assert.ok(subnets.some((s) => s.cidrBlock.endsWith('/28') && s.availableIpAddressCount === 1), 'a nearly full /28');
    assert.ok(subnets.some((s) => s.availableIpAddressCount === 0), 'a full subnet');
    assert.equal(world.credentials[0].secretId, 'AKIDemulatorDemoKey000000000000000000');
    assert.equal(world.credentials[0].secretKey, 'emulatorDemoSecretKey0000000000000000');
    const now = Date.now();
    assert.ok(world.credentials.some((c) => c.token && Date.parse(c.expiresAt ?? '') > now));
    assert.ok(world.credentials.some((c) => c.token && Date.parse(c.expiresAt ?? '') < now));
  });
});
