import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../../..');
/** A resource no released tencentcloud provider has (only a documentation page was ever published); split so this file does not hold it. */
const UNRELEASED = ['tencentcloud_postgresql_readonly_group', 'network_access_attachment'].join('_');

function* textFiles(folder: string): Generator<string> {
  for (const name of readdirSync(folder)) {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) yield* textFiles(file);
    else if (/\.(ts|mjs|js|json|md|tf|sh|svg)$/.test(name)) yield file;
  }
}

describe('no Terraform resource the released provider lacks', () => {
  it('appears nowhere in src/, test/, tools/, media/ or the README', () => {
    const files = [...['src', 'test', 'tools', 'media'].flatMap((folder) => [...textFiles(path.join(repoRoot, folder))]), path.join(repoRoot, 'README.md')];
    assert.ok(files.length > 50, `only ${files.length} files scanned`);
    const holding = files.filter((file) => readFileSync(file, 'utf8').includes(UNRELEASED)).map((file) => path.relative(repoRoot, file));
    assert.deepEqual(holding, []);
  });
});
