import * as assert from 'node:assert/strict';
import { taskFromRecord, taskToRecord } from '../../../src/tasks/trackedTask';
import { readSending } from '../../../src/tasks/shared/taskRecords';
import { trackedTask } from './taskFixtures';

describe('tasks/the task record as the board and global state keep it', () => {
  it("reads a record of the first release (no owner) as a read-only group's task", () => {
    const { owner: _owner, ownerName: _ownerName, ...rest } = trackedTask();
    const firstRelease = { ...rest, primaryInstanceId: 'postgres-1', groupId: 'pgrogrp-9', groupName: 'bi' };
    const task = taskFromRecord(JSON.parse(JSON.stringify(firstRelease)));
    assert.deepEqual(task?.owner, { kind: 'readOnlyGroup', region: 'ap-guangzhou', id: 'pgrogrp-9', primaryInstanceId: 'postgres-1' });
    assert.equal(task?.ownerName, 'bi');
    assert.equal('groupId' in (task ?? {}), false, 'the old fields do not linger in memory');
  });

  it("writes a group's task so the first release can still follow it, and reads it back unchanged", () => {
    const task = trackedTask();
    const record = JSON.parse(JSON.stringify(taskToRecord(task))) as Record<string, unknown>;
    assert.equal(record.groupId, 'pgrogrp-1');
    assert.equal(record.groupName, 'reporting');
    assert.equal(record.primaryInstanceId, 'postgres-1');
    assert.deepEqual(taskFromRecord(record), task);
  });

  it("writes a primary's task without groupId (the first release leaves it alone) and reads it back", () => {
    const task = trackedTask({ owner: { kind: 'primaryInstance', region: 'ap-guangzhou', id: 'postgres-1' }, ownerName: 'orders' });
    const record = JSON.parse(JSON.stringify(taskToRecord(task))) as Record<string, unknown>;
    assert.equal(record.groupId, undefined);
    assert.deepEqual(taskFromRecord(record), task);
  });

  it('refuses an owner of a kind it does not know, rather than reading it as a group', () => {
    const record = { ...JSON.parse(JSON.stringify(taskToRecord(trackedTask()))), owner: { kind: 'cluster', region: 'ap-guangzhou', id: 'c-1' } };
    assert.equal(taskFromRecord(record), undefined);
  });

  describe('a sending record with an unsettled write', () => {
    const plain = { state: 'sending', groupId: 'pgrogrp-1', kind: 'removeNetwork', profileId: 'work', sentAt: 1, owner: 'a', version: 2, seq: 3, holdMs: 700_000 };
    const unsettled = {
      owner: { kind: 'readOnlyGroup', region: 'ap-guangzhou', id: 'pgrogrp-1', primaryInstanceId: 'postgres-1' },
      ownerName: 'ro-1',
      kind: 'removeNetwork',
      vpcId: 'vpc-main',
      subnetId: 'subnet-b',
      vip: '10.0.2.7',
      ipsBefore: ['10.0.1.5', '10.0.2.7'],
      profileId: 'work',
      connection: 'intl tencentcloudapi.com',
      sentAt: 1,
      settleWindowMs: 30_000,
      liveMs: 15_000,
    };

    it('keeps every field the previous release reads, at the same version: it still sees a lock', () => {
      const record = readSending(JSON.stringify({ ...plain, unsettled }));
      assert.notEqual(record, 'unknown');
      assert.deepEqual(record !== 'unknown' && record?.unsettled, unsettled);
      assert.equal(record !== 'unknown' && record?.groupId, 'pgrogrp-1');
    });

    it('a record of the previous release (no unsettled write) is a plain lock; a malformed one is a plain lock too, never freed', () => {
      const old = readSending(JSON.stringify(plain));
      assert.equal(old !== 'unknown' && old?.unsettled, undefined);
      const malformed = readSending(JSON.stringify({ ...plain, unsettled: { ...unsettled, owner: { kind: 'cluster', id: 'x', region: 'r' } } }));
      assert.equal(malformed !== 'unknown' && malformed?.groupId, 'pgrogrp-1');
      assert.equal(malformed !== 'unknown' && malformed?.unsettled, undefined);
    });
  });
});
