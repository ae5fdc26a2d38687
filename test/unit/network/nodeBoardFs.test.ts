import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeBoardFs } from '../../../src/network/tracking/nodeBoardFs';
import { TaskBoard } from '../../../src/tasks/shared/taskBoard';
import { systemClock } from '../../../src/domain/clock';
import { trackedTask } from '../tasks/taskFixtures';

describe('network/the shared task folder on disk', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'task-board-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('creates exclusively, replaces atomically, and leaves no temporary file behind', async () => {
    const folder = nodeBoardFs(path.join(root, 'tasks'));
    assert.deepEqual(await folder.list(), [], 'a missing folder is an empty one');
    assert.equal(await folder.read('lease-x.json'), undefined);
    const created = await Promise.all([folder.create('lease-x.json', 'one'), folder.create('lease-x.json', 'two')]);
    assert.deepEqual(created.sort(), [false, true], 'exactly one create wins');
    await Promise.all(Array.from({ length: 20 }, (_, i) => folder.write('task-y.json', `text ${i}`)));
    assert.match((await folder.read('task-y.json')) ?? '', /^text \d+$/);
    await folder.remove('lease-x.json');
    await folder.remove('lease-x.json');
    assert.deepEqual(await folder.list(), ['task-y.json']);
  });

  it('works again once a folder that could not be made is fixed', async () => {
    const dir = path.join(root, 'tasks');
    fs.writeFileSync(dir, 'not a folder');
    const folder = nodeBoardFs(dir);
    await assert.rejects(folder.create('lease-x.json', 'one'), /EEXIST|ENOTDIR/);
    fs.rmSync(dir);
    assert.equal(await folder.create('lease-x.json', 'one'), true);
  });

  it('tells a board in another window of a new task (folder watch, or the rescan behind it)', async () => {
    const dir = path.join(root, 'tasks');
    const options = { clock: systemClock, sendingStaleMs: () => 60_000, rescanMs: 1000 };
    const a = new TaskBoard({ ...options, fs: nodeBoardFs(dir), windowId: 'a' });
    const b = new TaskBoard({ ...options, fs: nodeBoardFs(dir), windowId: 'b' });
    await a.start();
    await b.start();
    const seen = new Promise<void>((resolve) => b.onDidChange(() => b.running().length > 0 && resolve()));
    await a.put(trackedTask());
    await seen;
    assert.deepEqual(b.running().map((task) => task.key), ['ap-guangzhou/task/900']);
    a.dispose();
    b.dispose();
  });
});
