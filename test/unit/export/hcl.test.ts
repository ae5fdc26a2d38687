import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { hclString, identifierPart, isTerraformIdentifier } from '../../../src/export/hcl';
import { asJsonSyntaxLiteral, parseHcl } from './hclParser';

async function parsedValue(literal: string): Promise<unknown> {
  const parsed = (await parseHcl(`value = ${literal}\n`)) as { value: unknown };
  return parsed.value;
}

describe('export/hcl', () => {
  describe('hclString', () => {
    it('escapes quotes, backslashes, line breaks, tabs and template sequences', () => {
      assert.equal(hclString('a"b\\c\nd\re\tf ${x} %{y} $z %w'), '"a\\"b\\\\c\\nd\\re\\tf $${x} %%{y} $z %w"');
      assert.equal(hclString(''), '""');
      assert.equal(hclString('\u0001\u007f'), '"\\u0001\\u007f"');
      assert.equal(hclString('报表'), '"报表"');
    });

    it('reads back as the same literal with the HCL parser', async () => {
      for (const value of ['', 'a"b', 'back\\slash', 'line\nbreak', '${var.x}', '%{ if true }x%{ endif }', '$${already}', '$$${', '报表 "组"', '\u0000\u0007', '豈 (NFC: U+8C48)']) {
        assert.equal(await parsedValue(hclString(value)), asJsonSyntaxLiteral(value), JSON.stringify(value));
      }
    });

    it('reads back as the same literal for any string', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 30 }), async (value) => {
          assert.equal(await parsedValue(hclString(value)), asJsonSyntaxLiteral(value));
        }),
        { numRuns: 150 },
      );
    });

    it('is not a literal when left unescaped: the check can tell', async () => {
      // Control: the parser keeps an unescaped interpolation as one, so the forms above are really compared.
      assert.equal(await parsedValue('"${x}"'), '${x}');
      assert.notEqual(await parsedValue('"${x}"'), asJsonSyntaxLiteral('${x}'));
    });
  });

  describe('identifiers', () => {
    it('accepts a letter or underscore first, then letters, digits, underscores and dashes', () => {
      for (const name of ['a', '_', 'a-b_c9', 'A']) assert.equal(isTerraformIdentifier(name), true, name);
      for (const name of ['', '1a', '-a', 'a.b', 'a b', '报表']) assert.equal(isTerraformIdentifier(name), false, name);
    });

    it('keeps ASCII letters and digits, folds other runs to one underscore and trims the ends', () => {
      assert.equal(identifierPart('My Reports (EU)', 40), 'my_reports_eu');
      assert.equal(identifierPart('报表组', 40), '');
      assert.equal(identifierPart('__a--', 40), 'a');
      assert.equal(identifierPart('abcdef_', 4), 'abcd');
      assert.equal(identifierPart('abc_def', 4), 'abc');
    });
  });
});
