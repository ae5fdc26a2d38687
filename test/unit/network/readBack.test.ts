import * as assert from 'node:assert/strict';
import type { RequestedChange } from '../../../src/domain/changeJudgement';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import { readBackChange } from '../../../src/network/change/readBack';
import { FakeCloudApi, group, network, primaryInstance } from '../support/fakes';

const add: RequestedChange = { kind: 'addNetwork', vpcId: 'vpc-main', subnetId: 'subnet-b' };
const before = readOnlyGroupOwner(group());

describe('wizard/reading an owner back after a lost answer', () => {
  it('sees a create that went through (new network in the subnet, automatic VIP)', async () => {
    const api = new FakeCloudApi();
    api.groups.set('pgrogrp-1', group({ status: 'modifying', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'opening' })] }));
    assert.equal((await readBackChange(api, before, add)).outcome, 'tookEffect');
  });

  it('sees that nothing happened when the group is unchanged and idle', async () => {
    const api = new FakeCloudApi();
    assert.equal((await readBackChange(api, before, add)).outcome, 'didNotTakeEffect');
  });

  it('does not guess when the group is busy without the network, or cannot be read', async () => {
    const api = new FakeCloudApi();
    api.groups.set('pgrogrp-1', group({ status: 'modifying' }));
    assert.equal((await readBackChange(api, before, add)).outcome, 'unknown');
    api.getReadOnlyGroup = async () => {
      throw new Error('offline');
    };
    assert.equal((await readBackChange(api, before, add)).outcome, 'unknown');
  });

  it('matches a requested VIP exactly', async () => {
    const api = new FakeCloudApi();
    const networks = [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.8' })];
    api.groups.set('pgrogrp-1', group({ networks }));
    const withBoth = readOnlyGroupOwner(group({ networks }));
    assert.equal((await readBackChange(api, withBoth, { ...add, vip: '10.0.2.9' })).outcome, 'didNotTakeEffect');
    assert.equal((await readBackChange(api, withBoth, { ...add, vip: '10.0.2.8' })).outcome, 'tookEffect');
  });

  it('sees a delete that went through, or not, or a group that is gone', async () => {
    const api = new FakeCloudApi();
    const second = network({ subnetId: 'subnet-b', ip: '10.0.2.7' });
    const remove: RequestedChange = { kind: 'removeNetwork', vpcId: 'vpc-main', subnetId: 'subnet-b', vip: '10.0.2.7' };
    api.groups.set('pgrogrp-1', group({ networks: [network(), second] }));
    assert.equal((await readBackChange(api, before, remove)).outcome, 'didNotTakeEffect');
    api.groups.set('pgrogrp-1', group({ status: 'modifying', networks: [network(), { ...second, status: 'closing' }] }));
    assert.equal((await readBackChange(api, before, remove)).outcome, 'tookEffect');
    api.groups.delete('pgrogrp-1');
    assert.equal((await readBackChange(api, before, remove)).outcome, 'ownerGone');
  });

  describe('of a primary instance, read with DescribeDBInstances', () => {
    const instanceBefore = primaryInstanceOwner(primaryInstance({ networks: [network()] }));

    it('sees its own create by the instance, not by any group, and an instance that is gone', async () => {
      const api = new FakeCloudApi();
      api.primaries.set('postgres-1', primaryInstance({ status: 'network changing', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'opening' })] }));
      assert.equal((await readBackChange(api, instanceBefore, add)).outcome, 'tookEffect');
      assert.deepEqual(api.calls.map((call) => call.method), ['getPrimaryInstance']);
      api.primaries.delete('postgres-1');
      assert.equal((await readBackChange(api, instanceBefore, add)).outcome, 'ownerGone');
    });

    it('says nothing happened only when the instance is running and unchanged; any other status is not a verdict', async () => {
      const api = new FakeCloudApi();
      api.primaries.set('postgres-1', primaryInstance({ networks: [network()] }));
      assert.equal((await readBackChange(api, instanceBefore, add)).outcome, 'didNotTakeEffect');
      api.primaries.set('postgres-1', primaryInstance({ status: 'network changing', networks: [network()] }));
      assert.equal((await readBackChange(api, instanceBefore, add)).outcome, 'unknown');
    });

    it('does not count the public address as one of its networks', async () => {
      const api = new FakeCloudApi();
      const publicAddress = network({ vpcId: '', subnetId: '', ip: '', netType: 'public', address: 'gz.example', port: 21435 });
      api.primaries.set('postgres-1', primaryInstance({ networks: [network(), publicAddress] }));
      const remove: RequestedChange = { kind: 'removeNetwork', vpcId: 'vpc-main', subnetId: 'subnet-a', vip: '10.0.1.4' };
      assert.equal((await readBackChange(api, instanceBefore, remove)).outcome, 'didNotTakeEffect');
    });
  });
});
