import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { cloudText, LABEL_NAME_MAX, nameOrId } from '../../../src/domain/cloudText';
import { groupLabel } from '../../../src/explorer/presentation';
import { group } from '../support/fakes';

describe('domain/cloudText: names from the cloud as labels', () => {
  it('makes a bidi override visible instead of letting it reorder the rest of the name', () => {
    assert.equal(cloudText('reports\u202Egpj.exe'), 'reports<U+202E>gpj.exe');
    assert.equal(cloudText('a\u2066b\u2069c\u200fd'), 'a<U+2066>b<U+2069>c<U+200F>d');
  });

  it('keeps a name on one line: control characters become spaces', () => {
    assert.equal(cloudText('a\nb\r\tc\u0000d\u2028e'), 'a b  c d e');
  });

  it('escapes icon syntax, so a name cannot draw an icon in a quick pick or the tree', () => {
    assert.equal(cloudText('$(warning) prod'), '\\$(warning) prod');
  });

  it('shortens a 5,000-character name to the label limit, ending with …', () => {
    const shown = cloudText('报'.repeat(5000));
    assert.equal([...shown].length, LABEL_NAME_MAX);
    assert.ok(shown.endsWith('…'));
  });

  it('falls back to the id, and the tree label of a group goes through it', () => {
    assert.equal(nameOrId({ name: '', id: 'pgrogrp-1' }), 'pgrogrp-1');
    assert.equal(groupLabel(group({ name: 'x\u202Ey\n$(zap)' })), 'x<U+202E>y \\$(zap)');
  });

  it('never leaves a control, a bidi control or an unescaped $( in any name', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) => {
      const shown = cloudText(name);
      assert.doesNotMatch(shown, /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u);
      assert.doesNotMatch(shown, /(^|[^\\])\$\(/);
      assert.ok([...shown].length <= LABEL_NAME_MAX * 8);
    }));
  });
});
