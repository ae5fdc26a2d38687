import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONTEXT_KEY, contextValue, ITEM_FLAGS, ITEM_KINDS } from '../../../src/ui/contextValues';

const root = path.resolve(__dirname, '..', '..', '..', '..');

/** Every `when` clause of the manifest, as VS Code reads them. */
function whenClauses(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: unknown };
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'when' && typeof child === 'string') found.push(child);
        else walk(child);
      }
    }
  };
  walk(manifest.contributes);
  return found;
}

/** The regular expressions and plain comparisons a clause matches `viewItem` with. */
function viewItemTests(clause: string): { regex?: RegExp; equals?: string }[] {
  const tests: { regex?: RegExp; equals?: string }[] = [];
  for (const match of clause.matchAll(/viewItem =~ \/(.*?)\/(?=\s|$)/g)) tests.push({ regex: new RegExp(match[1]) });
  for (const match of clause.matchAll(/viewItem == (\w+)/g)) tests.push({ equals: match[1] });
  return tests;
}

describe('ui/the words of the when clauses', () => {
  it('sets every context key the manifest reads, and reads every key it sets', () => {
    const read = new Set(whenClauses().flatMap((clause) => [...clause.matchAll(/tencentdbPostgres\.(\w+)/g)].map((match) => `tencentdbPostgres.${match[1]}`)));
    read.delete('tencentdbPostgres.explorer'); // the view's id, compared with `view ==`
    assert.deepEqual([...read].sort(), Object.values(CONTEXT_KEY).sort());
  });

  it('uses only item kinds and flags the code writes, and each one some clause can match', () => {
    const words = new Set<string>([...ITEM_KINDS, ...ITEM_FLAGS]);
    const clauses = whenClauses().flatMap(viewItemTests);
    assert.ok(clauses.length > 5, 'the menus were read');
    for (const test of clauses) {
      // The words of the pattern, its \b word boundaries taken out.
      const used = (test.regex?.source ?? test.equals ?? '').replace(/\\b/g, ' ').match(/[A-Za-z]+/g) ?? [];
      for (const word of used) assert.ok(words.has(word), `a when clause reads "${word}", which no item is given`);
    }
    // Each clause matches a value the code can write, so no menu is dead.
    const written = [
      ...ITEM_KINDS.map((kind) => contextValue(kind)),
      contextValue('roGroup', ['ok', 'canAddNetwork']),
      contextValue('primaryInstance', ['running', 'canAddNetwork']),
      contextValue('network', ['vpc', 'removable']),
      contextValue('network', ['publicAddress']),
    ];
    for (const test of clauses) {
      assert.ok(written.some((value) => (test.regex ? test.regex.test(value) : value === test.equals)), `no item matches ${test.regex ?? test.equals}`);
    }
  });

  it('keeps the kind first, so a flag never matches as a kind', () => {
    assert.equal(contextValue('network', ['vpc', 'busy']), 'network vpc busy');
    assert.doesNotMatch(contextValue('roGroup', ['canAddNetwork']), /^network\b/);
  });
});
