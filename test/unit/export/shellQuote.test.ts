import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { shellQuote } from '../../../src/export/shellQuote';
import { shOutput } from './shellRunner';

/** What the shell makes of one quoted word, through printf so nothing is added or interpreted. */
function roundTrip(value: string): string {
  const result = shOutput(`printf %s ${shellQuote(value)}`);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.toString('utf8');
}

describe('export/shellQuote', () => {
  it('wraps the value in single quotes and writes a quote as close, escaped quote, reopen', () => {
    assert.equal(shellQuote('abc'), `'abc'`);
    assert.equal(shellQuote(''), `''`);
    assert.equal(shellQuote(`it's`), `'it'\\''s'`);
    assert.equal(shellQuote(`''`), `''\\'''\\'''`);
  });

  it('gives the shell back the exact value for awkward cases', () => {
    const cases = [
      '',
      ' ',
      `'`,
      `"`,
      `\\`,
      'a b\tc',
      'line1\nline2\n',
      '$(touch pwned)',
      '`touch pwned`',
      '${HOME}',
      '$HOME',
      '*',
      '-n',
      '--region',
      '!event',
      '报表组 只读',
      'emoji 🐘',
      'semi;colon|pipe&amp>redirect<',
      '\r\u0001\u001f\u007f',
    ];
    for (const value of cases) assert.equal(roundTrip(value), value, JSON.stringify(value));
  });

  it('refuses a NUL, which no shell argument can hold', () => {
    assert.throws(() => shellQuote('a\0b'), RangeError);
  });

  it('round-trips any unicode string without NUL through /bin/sh', () => {
    const value = fc.string({ unit: 'binary', maxLength: 40 }).filter((text) => !text.includes('\0'));
    fc.assert(fc.property(value, (text) => roundTrip(text) === text), { numRuns: 150 });
  });
});
