import * as assert from 'node:assert/strict';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../../../src/domain/networkOwner';
import { networkArgument, ownerArgument } from '../../../src/ui/treeArguments';
import { group, network, primaryInstance } from '../support/fakes';

describe('ui/what a command run from the tree receives', () => {
  it('reads a group node, a primary node, and a node that carries its owner', () => {
    assert.deepEqual(ownerArgument({ group: group() }), readOnlyGroupOwner(group()));
    assert.deepEqual(ownerArgument({ instance: primaryInstance() }), primaryInstanceOwner(primaryInstance()));
    const owner = primaryInstanceOwner(primaryInstance());
    assert.equal(ownerArgument({ owner, group: group() }), owner, 'the owner a node carries wins over its other fields');
  });

  it('reads a network node of either owner, and nothing else as one', () => {
    const ofGroup = networkArgument({ group: group(), network: network() });
    assert.equal(ofGroup?.owner.kind, 'readOnlyGroup');
    const ofPrimary = networkArgument({ owner: primaryInstanceOwner(primaryInstance()), network: network() });
    assert.equal(ofPrimary?.owner.kind, 'primaryInstance');
    assert.equal(networkArgument({ group: group() }), undefined, 'a group is not a network');
    assert.equal(networkArgument({ group: group(), network: { ip: '10.0.0.1' } }), undefined, 'a network without a port');
  });

  it('refuses shapes that only look alike', () => {
    for (const value of [undefined, null, 'pgrogrp-1', {}, { group: { id: 'pgrogrp-1' } }, { owner: { kind: 'cluster', group: group() } }, { instance: { id: 'x' } }]) {
      assert.equal(ownerArgument(value), undefined, JSON.stringify(value));
    }
  });
});
