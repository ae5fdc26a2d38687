// Profiles inside the real extension host: the environment profile, the sign-in check against the emulator
// (and why it refuses), switching profiles, and signing out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { RegionNode } from '../../src/explorer/nodes';
import { control as emulatorControl, emulatorUrl, extensionId, secondKey } from './faultsHarness';

const profileName = 'itest-temporary';

interface RequestLogEntry { time: string; action: string; secretId: string; outcome: string }

async function emulatorGet<T>(what: 'world' | 'requests'): Promise<T> {
  const response = await fetch(`${emulatorUrl()}/__emulator/${what}`, { signal: AbortSignal.timeout(5000) });
  assert.equal(response.status, 200);
  return (await response.json()) as T;
}

describe('Credentials against the emulator', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let extensionPath: string;
  let environmentSecretId: string;

  before(async () => {
    const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
    assert.ok(extension);
    api = await extension.activate();
    await api.ready;
    extensionPath = extension.extensionPath;
    const fromEnvironment = process.env.TENCENTCLOUD_SECRET_ID;
    assert.ok(fromEnvironment, 'the harness puts the world key in the environment');
    environmentSecretId = fromEnvironment;
    await emulatorControl({ op: 'reset' });
  });

  after(async () => {
    await emulatorControl({ op: 'reset' });
    if (api.profiles.activeProfileId() === profileName) await api.profiles.signOut(profileName);
  });

  it('uses the environment credentials when no stored profile is active', () => {
    assert.equal(api.profiles.activeProfileId(), '(environment)');
  });

  it('refuses an unknown SecretId and says so, without saving it', async () => {
    await assert.rejects(
      api.profiles.signIn({ profileName, secretId: 'AKIDnobodyKnowsThisKey000000000000', secretKey: 'whatever' }),
      /does not know this SecretId.*AuthFailure\.SecretIdNotFound/,
    );
    assert.equal(api.profiles.activeProfileId(), '(environment)');
  });

  it('says what is wrong with a profile name, before any call', async () => {
    const key = { secretId: environmentSecretId, secretKey: process.env.TENCENTCLOUD_SECRET_KEY ?? '' };
    await assert.rejects(api.profiles.signIn({ ...key, profileName: '  ' }), /Enter a name for this profile/);
    await assert.rejects(api.profiles.signIn({ ...key, profileName: 'a'.repeat(65) }), /at most 64 characters/);
    await assert.rejects(api.profiles.signIn({ ...key, profileName: 'my profile' }), /letters, digits/);
    assert.equal(api.profiles.activeProfileId(), '(environment)');
  });

  it('refuses a wrong SecretKey as a bad signature', async () => {
    await assert.rejects(
      api.profiles.signIn({ profileName, secretId: environmentSecretId, secretKey: 'notTheRightSecretKey0000000000000000' }),
      /SecretKey does not match the SecretId.*AuthFailure\.SignatureFailure/,
    );
  });

  it('tells a skewed clock apart from a bad key', async () => {
    await emulatorControl({ op: 'setClock', offsetSeconds: 900 });
    try {
      await assert.rejects(
        api.profiles.signIn({ profileName, secretId: environmentSecretId, secretKey: process.env.TENCENTCLOUD_SECRET_KEY ?? '' }),
        /clock.*AuthFailure\.SignatureExpire/,
      );
    } finally {
      await emulatorControl({ op: 'setClock', offsetSeconds: 0 });
    }
  });

  it('switches to a new profile, rebuilds the tree and signs every later call with the new key', async () => {
    const key = await secondKey(extensionPath, environmentSecretId);
    const before = await api.explorer.getChildren();
    const firstRegion = before.find((node): node is RegionNode => node.kind === 'region');
    assert.ok(firstRegion);
    await api.explorer.getChildren(firstRegion);

    await emulatorControl({ op: 'clearRequests' });
    await api.profiles.signIn({ profileName, secretId: key.secretId, secretKey: key.secretKey, token: key.token });
    assert.equal(api.profiles.activeProfileId(), profileName);

    const after = await api.explorer.getChildren();
    const region = after.find((node): node is RegionNode => node.kind === 'region' && node.regionId === firstRegion.regionId);
    assert.ok(region);
    assert.notEqual(region, firstRegion, 'nothing loaded under the previous profile is reused');
    await api.explorer.getChildren(region);

    const requests = await emulatorGet<RequestLogEntry[]>('requests');
    assert.ok(requests.some((entry) => entry.action === 'DescribeRegions' && entry.secretId === key.secretId), 'the key was checked');
    const listings = requests.filter((entry) => entry.action === 'DescribeDBInstances');
    assert.ok(listings.length > 0, 'the tree read the region again');
    assert.deepEqual([...new Set(listings.map((entry) => entry.secretId))], [key.secretId]);
  });

  it('switches back to the environment profile by command', async () => {
    await vscode.commands.executeCommand('tencentdbPostgres.switchProfile', '(environment)');
    assert.equal(api.profiles.activeProfileId(), '(environment)');
    await vscode.commands.executeCommand('tencentdbPostgres.switchProfile', profileName);
    assert.equal(api.profiles.activeProfileId(), profileName);
  });

  it('signs out: the stored key is deleted and the environment takes over', async () => {
    await api.profiles.signOut(profileName);
    assert.equal(api.profiles.activeProfileId(), '(environment)');
    // The profile is gone: switching to it fails (the command reports it) and changes nothing.
    await vscode.commands.executeCommand('tencentdbPostgres.switchProfile', profileName);
    assert.equal(api.profiles.activeProfileId(), '(environment)');
  });
});
