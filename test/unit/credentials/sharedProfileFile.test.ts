import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sharedProfileFile } from '../../../src/credentials/sharedProfileFile';
import { mayUse, parseRecord } from '../../../src/credentials/sharedProfileIndex';
import { waitUntil as waitFor } from '../../support/waits';

describe('the shared profile index (a file every window reads)', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'profiles-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('a Sign Out in one window tombstones the name for another window reading the same folder', async () => {
    const windowA = sharedProfileFile(folder);
    const windowB = sharedProfileFile(folder);
    await windowA.record('demo', { signedIn: true, version: 'v1' });
    assert.ok(mayUse(await windowB.read(), 'demo', 'v1'), 'B may use the keys it holds at the current version');
    await windowA.record('demo', { signedIn: false, version: 'v2' });
    assert.ok(!mayUse(await windowB.read(), 'demo', 'v1'), 'B may not use a signed-out key');
  });

  it('a new Sign In of the same name elsewhere makes the keys an older copy holds unusable', async () => {
    const index = sharedProfileFile(folder);
    await index.record('demo', { signedIn: true, version: 'v1' });
    await index.record('demo', { signedIn: true, version: 'v2' });
    const read = await index.read();
    assert.ok(!mayUse(read, 'demo', 'v1'));
    assert.ok(mayUse(read, 'demo', 'v2'));
  });

  it('keeps every other name and raises the generation with each change', async () => {
    const index = sharedProfileFile(folder);
    await index.record('a', { signedIn: true, version: '1' });
    await index.record('b', { signedIn: true, version: '2' });
    await index.record('a', { signedIn: false, version: '3' });
    const record = parseRecord(fs.readFileSync(path.join(folder, 'profiles.json'), 'utf8'));
    assert.equal(record.generation, 3);
    assert.deepEqual(record.profiles, { a: { signedIn: false, version: '3' }, b: { signedIn: true, version: '2' } });
    assert.deepEqual(fs.readdirSync(folder), ['profiles.json'], 'no temporary file is left');
  });

  it('never holds a secret: only names, states and random versions', async () => {
    const index = sharedProfileFile(folder);
    await index.record('demo', { signedIn: true, version: 'v1' });
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(folder, 'profiles.json'), 'utf8')) as object).sort(), ['generation', 'profiles']);
  });

  it('lets the secrets decide for a name never recorded (a profile saved before the index existed)', async () => {
    assert.ok(mayUse(await sharedProfileFile(folder).read(), 'old', undefined));
  });

  it('uses no key saved under the index while the index cannot be read (it may have been signed out); older keys still work', async () => {
    fs.mkdirSync(path.join(folder, 'profiles.json')); // a folder where the file should be: reading it fails
    const index = sharedProfileFile(folder);
    const read = await index.read().then((value) => value, () => undefined);
    assert.equal(read, undefined, 'the read fails');
    assert.ok(!mayUse(read, 'demo', 'v1'));
    assert.ok(mayUse(read, 'old', undefined));
  });

  it('reads a torn or foreign file as empty instead of failing', () => {
    assert.deepEqual(parseRecord('{"generation":'), { generation: 0, profiles: {} });
    assert.deepEqual(parseRecord('{"generation":2,"profiles":{"x":{"signedIn":"yes"}}}'), { generation: 2, profiles: {} });
  });

  it('tells a watching window of another window\'s change, once per change', async () => {
    // A timer far longer than the wait: the watch event alone has to bring the news.
    const watched = sharedProfileFile(folder, { pollMs: 60_000 });
    let calls = 0;
    const subscription = watched.onDidChange(() => calls++);
    try {
      await sharedProfileFile(folder).record('demo', { signedIn: false, version: 'x' });
      await waitFor(() => calls >= 1, 'the change to be noticed', 5_000);
      const after = calls;
      await sharedProfileFile(folder).record('demo', { signedIn: true, version: 'y' });
      await waitFor(() => calls > after, 'the second change to be noticed', 5_000);
    } finally {
      subscription.dispose();
    }
  });

  it('notices a change through the timer alone when no watch event comes (file systems fs.watch misses)', async () => {
    const watched = sharedProfileFile(folder, { pollMs: 100, watch: false });
    let calls = 0;
    const subscription = watched.onDidChange(() => calls++);
    try {
      // No watcher at all (as where fs.watch reports nothing): only the timer can see this.
      const record = { generation: 7, profiles: { demo: { signedIn: false, version: 'z' } } };
      fs.writeFileSync(path.join(folder, 'profiles.json'), JSON.stringify(record));
      await waitFor(() => calls >= 1, 'the timer to notice the change', 5_000);
    } finally {
      subscription.dispose();
    }
  });
});
