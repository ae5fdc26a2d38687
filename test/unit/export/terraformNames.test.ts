import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { UniqueNames, uniqueNames } from '../../../src/export/terraformNames';

/** The rule as the file states it, one name at a time from `_2` up: what the fast path must give. */
function namesTheLongWay(bases: readonly string[]): string[] {
  const taken = new Set<string>();
  return bases.map((base) => {
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}_${suffix}`;
    taken.add(name);
    return name;
  });
}

describe('export/terraformNames', () => {
  it('keeps the first of a name, gives later ones _2, _3..., and skips a name a base already took', () => {
    assert.deepEqual(uniqueNames(['a', 'a_2', 'a', 'a', 'b', 'a_3_2', 'a_3']), ['a', 'a_2', 'a_3', 'a_4', 'b', 'a_3_2', 'a_3_3']);
  });

  it('gives the names the rule gives, one at a time, for any bases (some looking suffixed)', () => {
    const base = fc.constantFrom('a', 'b', 'a_2', 'a_3', 'a_2_2', 'b_2', 'a_10');
    fc.assert(
      fc.property(fc.array(base, { maxLength: 60 }), (bases) => {
        const names = new UniqueNames();
        const oneByOne = bases.map((one) => names.next(one));
        assert.deepEqual(oneByOne, namesTheLongWay(bases));
        assert.equal(new Set(oneByOne).size, oneByOne.length);
      }),
      { numRuns: 500 },
    );
  });
});
