import * as assert from 'node:assert/strict';
import { ContractHarness, expectApiError } from './support';

describe('postgres DescribeDBInstanceSecurityGroups (real SDK against the demo world)', () => {
  let harness: ContractHarness;
  before(async () => {
    harness = await ContractHarness.start();
  });
  after(() => harness.close());

  it('lists the security groups bound to a read-only group, asked with ReadOnlyGroupId only', async () => {
    const answer = await harness.postgres().DescribeDBInstanceSecurityGroups({ ReadOnlyGroupId: 'pgrogrp-ehv9k8jn' });
    assert.deepEqual(answer.SecurityGroupSet?.map((group) => group.SecurityGroupId), ['sg-5275dorp', 'sg-0q7mbdzh']);
    assert.ok(answer.RequestId);
  });

  it('answers an empty set for a group with none bound', async () => {
    const answer = await harness.postgres().DescribeDBInstanceSecurityGroups({ ReadOnlyGroupId: 'pgrogrp-5zyz187t' });
    assert.deepEqual(answer.SecurityGroupSet, []);
  });

  it('refuses a call that names neither an instance nor a group, and a group that does not exist', async () => {
    await expectApiError(harness.postgres().DescribeDBInstanceSecurityGroups({}), 'MissingParameter');
    await expectApiError(harness.postgres().DescribeDBInstanceSecurityGroups({ ReadOnlyGroupId: 'pgrogrp-nonexist' }), 'ResourceNotFound.InstanceNotFoundError');
  });
});
