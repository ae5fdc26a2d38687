import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND } from '../../../src/ui/commandIds';

const root = path.resolve(__dirname, '..', '..', '..', '..');

describe('ui/the command ids', () => {
  it('are exactly the commands package.json contributes, each under its own name', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
    assert.deepEqual(Object.values(COMMAND).sort(), contributed);
    for (const [name, id] of Object.entries(COMMAND)) assert.equal(id, `tencentdbPostgres.${name}`);
  });

  it('are not written as strings anywhere else in src/', () => {
    const ids = new Set<string>(Object.values(COMMAND));
    const literal = /'(tencentdbPostgres\.[A-Za-z]+)'/g;
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && !full.endsWith(path.join('ui', 'commandIds.ts'))) {
          for (const match of fs.readFileSync(full, 'utf8').matchAll(literal)) {
            if (ids.has(match[1])) found.push(`${path.relative(root, full)}: ${match[1]}`);
          }
        }
      }
    };
    walk(path.join(root, 'src'));
    assert.deepEqual(found, []);
  });
});
