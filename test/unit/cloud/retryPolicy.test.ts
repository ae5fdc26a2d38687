import assert from 'node:assert/strict';
import fc from 'fast-check';
import { backoffDelayMs, DEFAULT_RETRY, retryPolicy } from '../../../src/cloud/retryPolicy';

describe('retry policy', () => {
  it('fills in defaults and clamps nonsense', () => {
    assert.deepEqual(retryPolicy(undefined), DEFAULT_RETRY);
    assert.equal(retryPolicy({ maxAttempts: 0 }).maxAttempts, 1);
    assert.equal(retryPolicy({ maxAttempts: 2.7 }).maxAttempts, 2);
    assert.equal(retryPolicy({ baseDelayMs: 500, maxDelayMs: 100 }).maxDelayMs, 500);
  });

  it('doubles the ceiling per attempt up to the maximum (full jitter at its top)', () => {
    const policy = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    const top = 0.999999;
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(policy, attempt, top)),
      [99, 199, 399, 799, 999, 999],
    );
    assert.equal(backoffDelayMs(policy, 3, 0), 0, 'full jitter reaches down to zero');
  });

  it('always stays within [0, min(max, base * 2^(n-1))] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: -5, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (base, max, attempt, random) => {
          const policy = retryPolicy({ baseDelayMs: base, maxDelayMs: max });
          const delay = backoffDelayMs(policy, attempt, random);
          const ceiling = Math.min(policy.maxDelayMs, base * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
          assert.ok(Number.isInteger(delay));
          assert.ok(delay >= 0 && delay <= ceiling, `${delay} outside [0, ${ceiling}]`);
        },
      ),
    );
  });
});
