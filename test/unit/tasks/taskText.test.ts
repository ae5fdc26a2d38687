import * as assert from 'node:assert/strict';
import { elapsedText, ownerActivityText, outcomeMessage, statusBarText, taskDetail, taskProgressText } from '../../../src/tasks/taskText';
import { formatEnglish as t } from '../../../src/domain/translate';
import { trackedTask as task } from './taskFixtures';

describe('tasks/task texts', () => {
  it('shows percent and step for one task, a count for several', () => {
    assert.equal(statusBarText([task({ progress: 40, step: 'Creating VIP' })], t), '$(sync~spin) reporting: 40% · Creating VIP');
    assert.equal(statusBarText([task()], t), '$(sync~spin) reporting: starting');
    assert.equal(statusBarText([task(), task({ key: 'other' })], t), '$(sync~spin) 2 network tasks');
  });

  it('says which profile a waiting task waits for', () => {
    const waiting = task({ key: 'w', profileId: 'work', progress: 40 });
    const waitingFor = (candidate: typeof waiting): string | undefined => (candidate.key === 'w' ? 'profile "work"' : undefined);
    assert.equal(taskProgressText(waiting, t, waitingFor), 'waiting for profile "work"');
    assert.equal(statusBarText([waiting], t, waitingFor), '$(clock) reporting: waiting for profile "work"');
    assert.equal(statusBarText([waiting, task()], t, waitingFor), '$(sync~spin) 2 network tasks, 1 waiting for another profile');
    assert.equal(taskProgressText(task({ progress: 40 }), t, waitingFor), '40%');
  });

  it('describes how a task is followed', () => {
    assert.match(taskDetail(task(), 125_000, t), /VIP assigned automatically · started 2 min ago · task 900$/);
    assert.match(taskDetail(task({ source: 'group', vip: '10.0.2.9' }), 5_000, t), /VIP 10\.0\.2\.9 · started 5 s ago · following the status of reporting/);
  });

  it('words every outcome', () => {
    const finishedAt = 0;
    assert.equal(
      outcomeMessage({ task: task(), result: 'succeeded', network: { vpcId: 'v', subnetId: 's', ip: '10.0.2.7', port: 5432, address: '', netType: 'private', status: 'opened', protocolType: '' }, finishedAt }, 30, t),
      'The network 10.0.2.7 was added to reporting.',
    );
    assert.equal(
      outcomeMessage({ task: task({ kind: 'removeNetwork', vip: '10.0.1.4' }), result: 'failed', message: 'busy', finishedAt }, 30, t),
      'Removing the network 10.0.1.4 from reporting failed. busy',
    );
    assert.match(outcomeMessage({ task: task(), result: 'timedOut', finishedAt }, 45, t), /has not finished after 45 minutes/);
    const ofPrimary = task({ owner: { kind: 'primaryInstance', region: 'ap-guangzhou', id: 'postgres-1' }, ownerName: 'orders', vip: '10.0.2.8' });
    assert.equal(outcomeMessage({ task: ofPrimary, result: 'succeeded', finishedAt }, 30, t), 'The network 10.0.2.8 was added to orders.');
  });

  it('shows the activity of a group with its progress when known', () => {
    assert.equal(ownerActivityText(task({ progress: 60 }), t), 'Adding network… 60%');
    assert.equal(ownerActivityText(task({ kind: 'removeNetwork', source: 'group' }), t), 'Removing network…');
  });

  it('writes elapsed time in s, min, h', () => {
    assert.deepEqual([elapsedText(59_000, t), elapsedText(61_000, t), elapsedText(3_700_000, t)], ['59 s', '1 min', '1 h 1 min']);
  });
});
