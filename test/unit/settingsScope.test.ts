import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

interface Manifest {
  readonly contributes: { readonly configuration: { readonly properties: Record<string, { readonly scope?: string }> } };
  readonly capabilities: { readonly untrustedWorkspaces: { readonly restrictedConfigurations?: readonly string[] } };
}

/** Every key of this extension's settings that the source reads (by name), so a new one cannot be forgotten. */
function keysReadBySource(): Set<string> {
  const files = ['src/settings.ts', 'src/network/networkSettings.ts'];
  const keys = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/(?:userSetting|readNumber)\(\s*'([A-Za-z]+)'/g)) keys.add(`tencentdbPostgres.${match[1]}`);
  }
  return keys;
}

describe('settings: none is read from a workspace', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
  const properties = manifest.contributes.configuration.properties;

  it('every setting of the extension is application-scoped, so a workspace or folder value is never applied', () => {
    const notApplication = Object.entries(properties).filter(([, property]) => property.scope !== 'application').map(([key]) => key);
    assert.deepEqual(notApplication, []);
  });

  it('every setting is listed under restrictedConfigurations', () => {
    const restricted = new Set(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? []);
    assert.deepEqual(Object.keys(properties).filter((key) => !restricted.has(key)), []);
  });

  it('the source reads only declared settings, and only through the user-settings reader', () => {
    const read = keysReadBySource();
    assert.ok(read.size >= 8, `found the reads: ${[...read].join(', ')}`);
    assert.deepEqual([...read].filter((key) => !(key in properties)), []);
    for (const file of ['src/settings.ts', 'src/network/networkSettings.ts']) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      assert.doesNotMatch(text, /\.get(<[^>]*>)?\(|\.inspect(<[^>]*>)?\(/, `${file} reads settings only through userSetting`);
    }
  });
});
