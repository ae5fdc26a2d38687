import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const sources = [
  ...filesUnder('src/wizard'),
  ...filesUnder('src/tasks'),
  'src/commands/addNetwork.ts',
  'src/commands/removeNetwork.ts',
];

function filesUnder(folder: string): string[] {
  return fs.readdirSync(path.join(root, folder)).filter((name) => name.endsWith('.ts')).map((name) => `${folder}/${name}`);
}

/** The English source strings passed to `t(...)` / `vscode.l10n.t(...)` as a literal. */
function sourceStrings(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/\bt\(\s*(['"])((?:\\.|(?!\1)[^\\])*)\1/g)) {
    found.push(match[2].replace(/\\(.)/g, '$1'));
  }
  return found;
}

describe('wizard and tasks: localisation', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

  it('finds the strings it checks', () => {
    const all = sources.flatMap(sourceStrings);
    assert.ok(all.length > 100, `only ${all.length} strings found: the pattern no longer matches the code`);
    assert.ok(all.includes('Assign automatically'));
  });

  for (const file of sources) {
    it(`has a Simplified Chinese translation for every string of ${file}`, () => {
      const missing = sourceStrings(file).filter((source) => typeof bundle[source] !== 'string' || bundle[source].trim() === '');
      assert.deepEqual(missing, []);
    });
  }

  it('keeps the placeholders of every translated string', () => {
    for (const source of new Set(sources.flatMap(sourceStrings))) {
      const placeholders = (text: string) => [...text.matchAll(/\{\d+\}/g)].map((match) => match[0]).sort();
      assert.deepEqual(placeholders(bundle[source] ?? ''), placeholders(source), source);
    }
  });
});
