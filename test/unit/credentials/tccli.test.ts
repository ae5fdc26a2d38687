import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_TCCLI_FILE_BYTES, parseTccliCredential, parseTccliRegion, readTccliFolder } from '../../../src/credentials/tccli';

describe('tccli profiles', () => {
  describe('credential files', () => {
    it('reads a key pair, and a token when present', () => {
      assert.deepEqual(parseTccliCredential('{"secretId": "AKIDx", "secretKey": "k"}'), {
        ok: true,
        credentials: { secretId: 'AKIDx', secretKey: 'k' },
      });
      assert.deepEqual(parseTccliCredential('{"secretId": "AKIDx", "secretKey": "k", "token": "t"}'), {
        ok: true,
        credentials: { secretId: 'AKIDx', secretKey: 'k', token: 't' },
      });
    });

    it('tells a role profile from a file without keys, and from one that is not JSON', () => {
      assert.deepEqual(parseTccliCredential('{"type": "cvm-role"}'), { ok: false, reason: 'role' });
      assert.deepEqual(parseTccliCredential('{"role-arn": "qcs::cam::uin/1:roleName/x", "role-session-name": "s"}'), {
        ok: false,
        reason: 'role',
      });
      assert.deepEqual(parseTccliCredential('{"secretId": "AKIDx", "secretKey": ""}'), { ok: false, reason: 'missingKeys' });
      assert.deepEqual(parseTccliCredential('secretId = x'), { ok: false, reason: 'notJson' });
      assert.deepEqual(parseTccliCredential('[1]'), { ok: false, reason: 'notJson' });
    });

    it('refuses keys that a typed sign-in would refuse: a line break or space inside the SecretId, SecretKey or token', () => {
      for (const text of [
        '{"secretId": "AKIDabc\\nAKIDdef", "secretKey": "k"}',
        '{"secretId": "AKIDabc", "secretKey": "k k"}',
        '{"secretId": "AKIDabc", "secretKey": "k", "token": "t\\tt"}',
      ]) {
        assert.deepEqual(parseTccliCredential(text), { ok: false, reason: 'invalidKeys' }, text);
      }
    });
  });

  it('finds the region of a configure file, also in the old flat layout', () => {
    assert.equal(parseTccliRegion('{"_sys_param": {"region": "ap-shanghai", "output": "json"}, "cvm": {}}'), 'ap-shanghai');
    assert.equal(parseTccliRegion('{"region": "ap-beijing"}'), 'ap-beijing');
    assert.equal(parseTccliRegion('{"_sys_param": {}}'), undefined);
    assert.equal(parseTccliRegion('nonsense'), undefined);
  });

  describe('the ~/.tccli folder', () => {
    let directory: string;

    beforeEach(async () => {
      directory = await fs.mkdtemp(path.join(os.tmpdir(), 'tccli-test-'));
    });

    afterEach(async () => {
      await fs.rm(directory, { recursive: true, force: true });
    });

    it('lists every profile with a credential file, default first, with its region', async () => {
      await fs.writeFile(path.join(directory, 'prod.credential'), '{"secretId": "AKIDp", "secretKey": "kp"}');
      await fs.writeFile(path.join(directory, 'default.credential'), '{"secretId": "AKIDd", "secretKey": "kd"}');
      await fs.writeFile(path.join(directory, 'default.configure'), '{"_sys_param": {"region": "ap-guangzhou"}}');
      await fs.writeFile(path.join(directory, 'orphan.configure'), '{"_sys_param": {"region": "ap-tokyo"}}');
      await fs.writeFile(path.join(directory, 'role.credential'), '{"type": "cvm-role"}');

      const { profiles } = await readTccliFolder(directory);
      assert.deepEqual(
        profiles.map((profile) => [profile.name, profile.credential.ok, profile.region]),
        [
          ['default', true, 'ap-guangzhou'],
          ['prod', true, undefined],
          ['role', false, undefined],
        ],
      );
    });

    it('treats a missing folder as no profiles', async () => {
      assert.deepEqual(await readTccliFolder(path.join(directory, 'absent')), { profiles: [], skipped: [] });
    });

    it('skips what it cannot read, by name and reason, and still imports the rest', async () => {
      await fs.writeFile(path.join(directory, 'good.credential'), '{"secretId": "AKIDg", "secretKey": "kg"}');
      await fs.mkdir(path.join(directory, 'folder.credential'));
      await fs.writeFile(path.join(directory, 'huge.credential'), `{"secretId": "AKIDh", "secretKey": "${'k'.repeat(MAX_TCCLI_FILE_BYTES)}"}`);
      await fs.writeFile(path.join(directory, 'broken.credential'), '{"secretId": ');
      const locked = path.join(directory, 'locked.credential');
      await fs.writeFile(locked, '{"secretId": "AKIDl", "secretKey": "kl"}');
      await fs.chmod(locked, 0o000);
      // Root reads any file whatever its mode: then the locked file is simply readable.
      const lockedReadable = await fs.readFile(locked).then(() => true, () => false);

      const { profiles, skipped } = await readTccliFolder(directory);
      assert.deepEqual(
        profiles.map((profile) => [profile.name, profile.credential.ok]),
        [['broken', false], ['good', true], ...(lockedReadable ? [['locked', true]] : [])],
      );
      assert.deepEqual(
        skipped.map((entry) => [entry.entry, entry.reason, entry.code]).sort(),
        [
          ['folder.credential', 'notAFile', undefined],
          ['huge.credential', 'tooLarge', undefined],
          ...(lockedReadable ? [] : [['locked.credential', 'unreadable', 'EACCES']]),
        ].sort(),
      );
    });

    it('skips a FIFO or other non-regular file without blocking, and still imports the rest', async () => {
      await fs.writeFile(path.join(directory, 'good.credential'), '{"secretId": "AKIDg", "secretKey": "kg"}');
      // An open() for reading blocks until a writer comes: each one would hold a thread of the pool for good.
      const fifos = ['a.credential', 'b.credential', 'c.credential', 'good.configure'].map((name) => path.join(directory, name));
      execFileSync('mkfifo', fifos);
      let timer: NodeJS.Timeout | undefined;
      try {
        const bounded = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('the import blocked on a FIFO')), 2000);
        });
        const { profiles, skipped } = await Promise.race([readTccliFolder(directory), bounded]);
        assert.deepEqual(profiles.map((profile) => [profile.name, profile.credential.ok, profile.region]), [['good', true, undefined]]);
        assert.deepEqual(skipped.map((entry) => [entry.entry, entry.reason]).sort(), [
          ['a.credential', 'notAFile'],
          ['b.credential', 'notAFile'],
          ['c.credential', 'notAFile'],
        ]);
      } finally {
        clearTimeout(timer);
        // Frees any open() still blocked on a FIFO (it returns once a writer opens), so a failure cannot hang the run.
        for (const fifo of fifos) {
          try {
            closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
          } catch {
            // ENXIO: no reader waits on this one.
          }
        }
      }
    });

    it('trims profile names as everywhere else, and takes one file per trimmed name', async () => {
      await fs.writeFile(path.join(directory, ' prod .credential'), '{"secretId": "AKIDa", "secretKey": "ka"}');
      await fs.writeFile(path.join(directory, 'prod.credential'), '{"secretId": "AKIDb", "secretKey": "kb"}');
      await fs.writeFile(path.join(directory, ' .credential'), '{"secretId": "AKIDc", "secretKey": "kc"}');
      const { profiles, skipped } = await readTccliFolder(directory);
      assert.deepEqual(profiles.map((profile) => profile.name), ['prod']);
      assert.deepEqual(skipped.map((entry) => [entry.name, entry.reason]), [['prod', 'duplicateName']]);
    });
  });
});
