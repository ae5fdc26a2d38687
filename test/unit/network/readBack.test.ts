import * as assert from 'node:assert/strict';
import { readBackCreate, readBackDelete } from '../../../src/network/change/readBack';
import { FakeCloudApi, group, network } from '../support/fakes';

const createRequest = { region: 'ap-guangzhou', groupId: 'pgrogrp-1', vpcId: 'vpc-main', subnetId: 'subnet-b' };

describe('wizard/reading a group back after a lost answer', () => {
  it('sees a create that went through (new network in the subnet, automatic VIP)', async () => {
    const api = new FakeCloudApi();
    const before = group();
    api.groups.set('pgrogrp-1', group({ status: 'modifying', networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.7', status: 'opening' })] }));
    assert.equal((await readBackCreate(api, createRequest, before)).outcome, 'tookEffect');
  });

  it('sees that nothing happened when the group is unchanged and idle', async () => {
    const api = new FakeCloudApi();
    assert.equal((await readBackCreate(api, createRequest, group())).outcome, 'didNotTakeEffect');
  });

  it('does not guess when the group is busy without the network, or cannot be read', async () => {
    const api = new FakeCloudApi();
    api.groups.set('pgrogrp-1', group({ status: 'modifying' }));
    assert.equal((await readBackCreate(api, createRequest, group())).outcome, 'unknown');
    api.getReadOnlyGroup = async () => {
      throw new Error('offline');
    };
    assert.equal((await readBackCreate(api, createRequest, group())).outcome, 'unknown');
  });

  it('matches a requested VIP exactly', async () => {
    const api = new FakeCloudApi();
    api.groups.set('pgrogrp-1', group({ networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.8' })] }));
    const before = group({ networks: [network(), network({ subnetId: 'subnet-b', ip: '10.0.2.8' })] });
    assert.equal((await readBackCreate(api, { ...createRequest, vip: '10.0.2.9' }, before)).outcome, 'didNotTakeEffect');
    assert.equal((await readBackCreate(api, { ...createRequest, vip: '10.0.2.8' }, before)).outcome, 'tookEffect');
  });

  it('sees a delete that went through, or not, or a group that is gone', async () => {
    const api = new FakeCloudApi();
    const second = network({ subnetId: 'subnet-b', ip: '10.0.2.7' });
    const request = { region: 'ap-guangzhou', groupId: 'pgrogrp-1', vpcId: 'vpc-main', subnetId: 'subnet-b', vip: '10.0.2.7' };
    api.groups.set('pgrogrp-1', group({ networks: [network(), second] }));
    assert.equal((await readBackDelete(api, request, 'postgres-1')).outcome, 'didNotTakeEffect');
    api.groups.set('pgrogrp-1', group({ status: 'modifying', networks: [network(), { ...second, status: 'closing' }] }));
    assert.equal((await readBackDelete(api, request, 'postgres-1')).outcome, 'tookEffect');
    api.groups.delete('pgrogrp-1');
    assert.equal((await readBackDelete(api, request, 'postgres-1')).outcome, 'groupGone');
  });
});
