import assert from 'node:assert/strict';
import { accountKey, AccountRateLimits } from '../../../src/cloud/accountRateLimits';
import { WINDOW_MS } from '../../../src/cloud/rateLimiter';
import { FakeClock, settle } from '../support/fakeClock';

const SECRET_ID = 'AKIDaccountUnderTest0000000000000000';

describe('AccountRateLimits', () => {
  it('gives every client signing with the same SecretId one budget per action', async () => {
    const clock = new FakeClock();
    const registry = new AccountRateLimits(clock);
    const first = registry.open('');
    const second = registry.open('');
    let granted = 0;
    for (let i = 0; i < 15; i++) void first.acquire(SECRET_ID, 'DescribeTasks').then(() => granted++);
    for (let i = 0; i < 15; i++) void second.acquire(SECRET_ID, 'DescribeTasks').then(() => granted++);
    await settle();
    assert.equal(granted, 20, 'DescribeTasks allows 20 per second for the account, not per client');
    assert.equal(registry.size(), 1);
    await clock.advance(WINDOW_MS);
    assert.equal(granted, 30);
  });

  it('keeps different accounts, servers and overrides apart', async () => {
    const registry = new AccountRateLimits(new FakeClock());
    const real = registry.open('');
    const emulator = registry.open('http://127.0.0.1:4567');
    const overridden = registry.open('', { DescribeTasks: 1000 });
    let granted = 0;
    for (const budgets of [real, emulator, overridden]) {
      for (let i = 0; i < 20; i++) void budgets.acquire(SECRET_ID, 'DescribeTasks').then(() => granted++);
    }
    for (let i = 0; i < 20; i++) void real.acquire('AKIDanotherAccount', 'DescribeTasks').then(() => granted++);
    await settle();
    assert.equal(granted, 80);
    assert.equal(registry.size(), 4);
  });

  it('a client rebuilt within the window still sees the calls of the one it replaces', async () => {
    const clock = new FakeClock();
    const registry = new AccountRateLimits(clock);
    const before = registry.open('');
    for (let i = 0; i < 20; i++) await before.acquire(SECRET_ID, 'DescribeTasks');
    before.release();
    const after = registry.open('');
    assert.equal(after.limiter(SECRET_ID, 'DescribeTasks').tryAcquire(), false);
    assert.equal(after.limiter(SECRET_ID, 'DescribeTasks').nextFreeAt(), WINDOW_MS);
  });

  it('forgets an account once no client holds it and its windows are empty: rebuilding clients leaks nothing', async () => {
    const clock = new FakeClock();
    const registry = new AccountRateLimits(clock);
    for (let rebuild = 0; rebuild < 50; rebuild++) {
      const budgets = registry.open('');
      await budgets.acquire(`AKIDrotated${rebuild}`, 'DescribeVpcs');
      budgets.release();
      budgets.release();
    }
    assert.equal(registry.size(), 50, 'each account is kept while its call is still in the window');
    await clock.advance(WINDOW_MS);
    assert.equal(registry.size(), 0);
    assert.equal(clock.pendingTimers(), 0);

    const idle = registry.open('');
    idle.limiter(SECRET_ID, 'DescribeVpcs');
    idle.release();
    assert.equal(registry.size(), 0, 'an account with nothing in its windows goes at once');
  });

  it('keeps an account while a client still holds it', async () => {
    const clock = new FakeClock();
    const registry = new AccountRateLimits(clock);
    const held = registry.open('');
    const other = registry.open('');
    await held.acquire(SECRET_ID, 'DescribeVpcs');
    await other.acquire(SECRET_ID, 'DescribeVpcs');
    other.release();
    await clock.advance(WINDOW_MS * 3);
    assert.equal(registry.size(), 1);
    held.release();
    assert.equal(registry.size(), 0);
  });

  it('counts a call made after release (a retry of a disposed client) and still lets the account go', async () => {
    const clock = new FakeClock();
    const registry = new AccountRateLimits(clock);
    const budgets = registry.open('');
    budgets.release();
    await budgets.acquire(SECRET_ID, 'DescribeTasks');
    await settle();
    const next = registry.open('');
    assert.equal(next.limiter(SECRET_ID, 'DescribeTasks').inWindow(), 1);
    next.release();
    await clock.advance(WINDOW_MS);
    assert.equal(registry.size(), 0);
  });

  it('knows accounts by a hash: the SecretId is not kept', () => {
    const key = accountKey('', SECRET_ID);
    assert.ok(!key.includes(SECRET_ID) && !key.includes('AKID'));
    assert.equal(key, accountKey('', SECRET_ID));
    assert.notEqual(key, accountKey('http://127.0.0.1:1', SECRET_ID));
  });
});
