import * as assert from 'node:assert/strict';
import type { WatchedChange } from '../../../src/domain/changeJudgement';
import { judgeChange } from '../../../src/domain/changeJudgement';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import { group, network, primaryInstance } from '../support/fakes';

const add: WatchedChange = { kind: 'addNetwork', vpcId: 'vpc-main', subnetId: 'subnet-b', ipsBefore: ['10.0.1.4'] };
const remove: WatchedChange = { kind: 'removeNetwork', vpcId: 'vpc-main', subnetId: 'subnet-b', vip: '10.0.2.7', ipsBefore: [] };
const added = network({ subnetId: 'subnet-b', ip: '10.0.2.7' });

describe('domain/judging a change from its owner alone', () => {
  it("judges a group's add by the group: opening is running, opened on an idle group succeeded", () => {
    assert.deepEqual(judgeChange(add, readOnlyGroupOwner(group({ status: 'modifying', networks: [network(), { ...added, status: 'opening' }] })), false), {
      state: 'running',
      inFlight: true,
      step: 'opening',
    });
    assert.deepEqual(judgeChange(add, readOnlyGroupOwner(group({ networks: [network(), added] })), false), { state: 'succeeded', network: added });
  });

  it("judges a primary's add by the instance: 'network changing' holds it running until the instance is running again", () => {
    const changing = primaryInstanceOwner(primaryInstance({ status: 'network changing', networks: [network(), added] }));
    assert.equal(judgeChange(add, changing, true).state, 'running');
    const done = primaryInstanceOwner(primaryInstance({ networks: [network(), added] }));
    assert.deepEqual(judgeChange(add, done, true), { state: 'succeeded', network: added });
  });

  it('fails a change whose owner is gone, or idle without it once it may have ended; waits before that', () => {
    const idle = primaryInstanceOwner(primaryInstance({ networks: [network()] }));
    assert.deepEqual(judgeChange(add, undefined, false), { state: 'failed' });
    assert.deepEqual(judgeChange(add, idle, true), { state: 'failed' });
    assert.deepEqual(judgeChange(add, idle, false), { state: 'running', inFlight: false, step: undefined });
  });

  it("judges a primary's removal done when the network is gone and the instance running, ignoring its public address", () => {
    const publicAddress = network({ vpcId: '', subnetId: '', ip: '', netType: 'public', address: 'gz.example', port: 21435 });
    const closing = primaryInstanceOwner(primaryInstance({ status: 'network changing', networks: [network(), { ...added, status: 'closing' }, publicAddress] }));
    assert.deepEqual(judgeChange(remove, closing, false), { state: 'running', inFlight: true, step: 'closing' });
    const gone = primaryInstanceOwner(primaryInstance({ networks: [network(), publicAddress] }));
    assert.deepEqual(judgeChange(remove, gone, false), { state: 'succeeded' });
  });
});
