import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (fs.statSync(full).isFile()) return [full];
  return fs.readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(full, name));
}

/** First arguments of vscode.l10n.t(...) and of the `t(...)` / `deps.t(...)` translators passed around, when they are literals. */
function localisedStrings(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression.getText(source);
      const first = node.arguments[0];
      if ((callee === 't' || callee.endsWith('.t')) && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) {
        found.push(first.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function readJson(relative: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(root, relative), 'utf8')) as Record<string, unknown>;
}

describe('localisation of every user-visible string in src/', () => {
  const strings = [...new Set(sourceFiles('src').flatMap(localisedStrings))];
  const bundle = readJson('l10n/bundle.l10n.zh-cn.json');

  it('finds the strings it checks', () => {
    assert.ok(strings.length > 200, `only ${strings.length} strings found: is the extraction broken?`);
    assert.ok(strings.includes('Assign automatically'), 'a string of the Add Network wizard is missing');
  });

  it('has a Simplified Chinese translation for every string', () => {
    const missing = strings.filter((text) => typeof bundle[text] !== 'string' || bundle[text] === '');
    assert.deepEqual(missing, []);
  });

  it('keeps the placeholders of every translation', () => {
    const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();
    const broken = strings.filter((text) => typeof bundle[text] === 'string' && placeholders(text).join() !== placeholders(bundle[text] as string).join());
    assert.deepEqual(broken, []);
  });

  it('carries no translation that no code asks for', () => {
    const unused = Object.keys(bundle).filter((text) => !strings.includes(text));
    assert.deepEqual(unused, []);
  });

  it('defines every %key% of package.json in English and in Chinese', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]))];
    assert.ok(keys.length > 10);
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(file);
      assert.deepEqual(keys.filter((key) => typeof nls[key] !== 'string'), [], `missing in ${file}`);
    }
  });
});
