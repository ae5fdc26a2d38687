import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sharedProfileFile } from '../../../src/credentials/sharedProfileFile';
import { mayUse, parseEntry } from '../../../src/credentials/sharedProfileIndex';
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

  it('keeps every name when windows change different names at the same moment', async () => {
    const names = Array.from({ length: 20 }, (_, index) => `profile${index}`);
    await Promise.all(names.map((name) => sharedProfileFile(folder).record(name, { signedIn: true, version: name })));
    const read = await sharedProfileFile(folder).read();
    assert.deepEqual([...read.keys()].sort(), [...names].sort());
    assert.ok(fs.readdirSync(folder).every((file) => !file.endsWith('.tmp')), 'no temporary file is left');
  });

  it('keeps names that differ only in case apart', async () => {
    const index = sharedProfileFile(folder);
    await index.record('Demo', { signedIn: false, version: '1' });
    await index.record('demo', { signedIn: true, version: '2' });
    const read = await index.read();
    assert.deepEqual(read.get('Demo'), { signedIn: false, version: '1' });
    assert.deepEqual(read.get('demo'), { signedIn: true, version: '2' });
  });

  it('never holds a secret: only names, states and random versions', async () => {
    await sharedProfileFile(folder).record('demo', { signedIn: true, version: 'v1' });
    const [file] = fs.readdirSync(folder);
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as object).sort(), ['name', 'signedIn', 'version']);
  });

  it('lets the secrets decide for a name never recorded (a profile saved before the index existed)', async () => {
    assert.ok(mayUse(await sharedProfileFile(folder).read(), 'old', undefined));
  });

  it('uses no key saved under the index while the index cannot be read (it may have been signed out); older keys still work', async () => {
    const notAFolder = path.join(folder, 'file');
    fs.writeFileSync(notAFolder, '');
    const read = await sharedProfileFile(notAFolder).read().then((value) => value, () => undefined);
    assert.equal(read, undefined, 'the read fails');
    assert.ok(!mayUse(read, 'demo', 'v1'));
    assert.ok(mayUse(read, 'old', undefined));
  });

  it('leaves out a torn or foreign file instead of failing', async () => {
    await sharedProfileFile(folder).record('demo', { signedIn: false, version: 'v1' });
    fs.writeFileSync(path.join(folder, 'profile-torn.json'), '{"name":');
    assert.equal(parseEntry('{"name":"x","signedIn":"yes","version":"1"}'), undefined);
    assert.deepEqual([...(await sharedProfileFile(folder).read()).keys()], ['demo']);
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
      await sharedProfileFile(folder).record('demo', { signedIn: false, version: 'z' });
      await waitFor(() => calls >= 1, 'the timer to notice the change', 5_000);
    } finally {
      subscription.dispose();
    }
  });
});
