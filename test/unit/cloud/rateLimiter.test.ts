import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ActionRateLimiters, DOCUMENTED_LIMITS_PER_SECOND, SERVER_WINDOW_MS, SlidingWindowLimiter, WINDOW_MS } from '../../../src/cloud/rateLimiter';
import { FakeClock, settle } from '../support/fakeClock';

describe('SlidingWindowLimiter', () => {
  it('grants up to the limit at once, then queues the rest until the window slides', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(3, 1000, clock);
    const granted: number[] = [];
    for (let i = 0; i < 5; i++) void limiter.acquire().then(() => granted.push(clock.monotonic()));
    await settle();
    assert.deepEqual(granted, [0, 0, 0]);
    assert.equal(limiter.queued(), 2);
    await clock.advance(999);
    assert.equal(granted.length, 3, 'nothing more before the window has passed');
    await clock.advance(1);
    assert.deepEqual(granted, [0, 0, 0, 1000, 1000]);
  });

  it('serves waiters in arrival order', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(1, 100, clock);
    const order: number[] = [];
    for (let i = 0; i < 4; i++) void limiter.acquire().then(() => order.push(i));
    await clock.advance(1000);
    assert.deepEqual(order, [0, 1, 2, 3]);
  });

  it('drops an aborted waiter from the queue and rejects it with the abort reason', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(1, 1000, clock);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    const after = limiter.acquire();
    controller.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    assert.equal(limiter.queued(), 1);
    let grantedAfter = false;
    void after.then(() => (grantedAfter = true));
    await clock.advance(1000);
    assert.equal(grantedAfter, true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = new SlidingWindowLimiter(5, 1000, new FakeClock());
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await assert.rejects(limiter.acquire(controller.signal), /already/);
    assert.equal(limiter.inWindow(), 0);
  });

  it('never grants more than the limit in any window, whatever the arrival pattern (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }),
        async (limit, gaps) => {
          const clock = new FakeClock();
          const windowMs = 1000;
          const limiter = new SlidingWindowLimiter(limit, windowMs, clock);
          const grants: number[] = [];
          for (const gap of gaps) {
            await clock.advance(gap);
            void limiter.acquire().then(() => grants.push(clock.monotonic()));
          }
          await clock.advance(windowMs * (gaps.length + 1));
          assert.equal(grants.length, gaps.length, 'every request is eventually granted');
          for (let i = limit; i < grants.length; i++) {
            assert.ok(grants[i] - grants[i - limit] >= windowMs, `grant ${i} came too early: ${grants.join(',')}`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('SlidingWindowLimiter: the try form', () => {
  it('tryAcquire takes a grant while the window has room, then refuses without taking one', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(2, 1000, clock);
    assert.equal(limiter.tryAcquire(), true);
    await clock.advance(300);
    assert.equal(limiter.tryAcquire(), true);
    assert.equal(limiter.tryAcquire(), false);
    assert.equal(limiter.inWindow(), 2, 'a refusal takes nothing');
    assert.equal(limiter.nextFreeAt(), 1000, 'when the first grant leaves the window');
    await clock.advance(699);
    assert.equal(limiter.tryAcquire(), false);
    await clock.advance(1);
    assert.equal(limiter.tryAcquire(), true);
    assert.equal(limiter.nextFreeAt(), 1300);
  });

  it('nextFreeAt is now while there is room', () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(3, 1000, clock);
    limiter.tryAcquire();
    assert.equal(limiter.nextFreeAt(), clock.monotonic());
  });

  it('does not let tryAcquire jump the queue, and counts the waiters in nextFreeAt', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(1, 1000, clock);
    assert.equal(limiter.tryAcquire(), true);
    let waited = false;
    void limiter.acquire().then(() => (waited = true));
    await settle();
    assert.equal(limiter.queued(), 1);
    assert.equal(limiter.nextFreeAt(), 2000, 'the waiter takes the place freed at 1000, the caller the one after');
    await clock.advance(1000);
    assert.equal(waited, true);
    assert.equal(limiter.tryAcquire(), false);
    await clock.advance(1000);
    assert.equal(limiter.tryAcquire(), true);
  });

  it('acquire and tryAcquire share one log: never more than the limit in any window (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.boolean()), { minLength: 1, maxLength: 30 }),
        async (limit, steps) => {
          const clock = new FakeClock();
          const windowMs = 1000;
          const limiter = new SlidingWindowLimiter(limit, windowMs, clock);
          const grants: number[] = [];
          for (const [gap, tryForm] of steps) {
            await clock.advance(gap);
            if (tryForm) {
              const expectedAt = limiter.nextFreeAt();
              const granted = limiter.tryAcquire();
              assert.equal(granted, expectedAt === clock.monotonic(), 'tryAcquire succeeds exactly when nextFreeAt says now');
              if (granted) grants.push(clock.monotonic());
            } else {
              void limiter.acquire().then(() => grants.push(clock.monotonic()));
            }
          }
          await clock.advance(windowMs * (steps.length + 1));
          grants.sort((a, b) => a - b);
          for (let i = limit; i < grants.length; i++) assert.ok(grants[i] - grants[i - limit] >= windowMs, `grant ${i} came too early: ${grants.join(',')}`);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('SlidingWindowLimiter: reservations', () => {
  it('holds a place until the answer is in, and a full window after it', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(1, 1000, clock);
    const answered = await limiter.reserve();
    let next = false;
    void limiter.acquire().then(() => (next = true));
    await clock.advance(5000);
    assert.equal(next, false, 'a request still waiting for its answer may not have reached the server yet');
    assert.equal(limiter.nextFreeAt(), 5000 + 1000 * 2, 'the waiter after the end of the window, the caller after that');
    answered();
    answered();
    assert.equal(limiter.inWindow(), 1);
    await clock.advance(999);
    assert.equal(next, false);
    await clock.advance(1);
    assert.equal(next, true);
    assert.equal(limiter.inWindow(), 1);
  });

  it('never lets two requests the server could see in one window exceed the limit, however late they arrive (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 900 })), { minLength: 1, maxLength: 25 }),
        async (limit, steps) => {
          const clock = new FakeClock();
          const windowMs = 1000;
          const limiter = new SlidingWindowLimiter(limit, windowMs, clock);
          // Each request is granted, then answered `answerAfter` ms later: it reached the server somewhere in between.
          const spans: { from: number; to: number }[] = [];
          for (const [gap, answerAfter] of steps) {
            await clock.advance(gap);
            void limiter.reserve().then((answered) => {
              const span = { from: clock.monotonic(), to: Number.NaN };
              spans.push(span);
              clock.setTimer(() => {
                span.to = clock.monotonic();
                answered();
              }, answerAfter);
            });
          }
          await clock.advance((windowMs + 1000) * (steps.length + 1));
          assert.equal(spans.length, steps.length);
          // limit + 1 requests can meet in one server window only if each could arrive in it: the earlier ones as
          // late as their answers, the last one as early as its grant.
          spans.sort((a, b) => a.from - b.from);
          for (let i = limit; i < spans.length; i++) {
            const earliestAnswer = Math.min(...spans.slice(i - limit, i).map((span) => span.to));
            assert.ok(spans[i].from - earliestAnswer >= windowMs, `request ${i} could share a window with the ${limit} before it`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('SlidingWindowLimiter: lanes', () => {
  it('serves lanes in turn, so a long queue in one lane does not hold back another', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(2, 1000, clock);
    const order: string[] = [];
    limiter.tryAcquire();
    limiter.tryAcquire();
    for (let i = 0; i < 4; i++) void limiter.acquire(undefined, 'big').then(() => order.push(`big${i}`));
    void limiter.acquire(undefined, 'small').then(() => order.push('small0'));
    await clock.advance(1000);
    assert.deepEqual(order, ['big0', 'small0'], 'the small lane gets the second place of the window, not the fifth');
    await clock.advance(2000);
    assert.deepEqual(order, ['big0', 'small0', 'big1', 'big2', 'big3']);
  });

  it('drops an aborted waiter from its lane', async () => {
    const clock = new FakeClock();
    const limiter = new SlidingWindowLimiter(1, 1000, clock);
    limiter.tryAcquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal, 'a');
    let other = false;
    void limiter.acquire(undefined, 'b').then(() => (other = true));
    controller.abort(new Error('stop'));
    await assert.rejects(aborted, /stop/);
    assert.equal(limiter.queued(), 1);
    await clock.advance(1000);
    assert.equal(other, true);
    assert.equal(limiter.queued(), 0);
  });
});

describe('ActionRateLimiters', () => {
  it('uses the documented per-second limits and keeps actions independent', async () => {
    const clock = new FakeClock();
    const limiters = new ActionRateLimiters({}, clock);
    assert.equal(limiters.limitFor('DescribeTasks'), 20);
    assert.equal(limiters.limitFor('CreateReadOnlyGroupNetworkAccess'), 100);
    assert.equal(limiters.limitFor('DescribeReadOnlyGroups'), 1000);
    assert.equal(limiters.limitFor('DescribeVpcs'), DOCUMENTED_LIMITS_PER_SECOND.DescribeVpcs);
    let tasks = 0;
    let vpcs = 0;
    for (let i = 0; i < 25; i++) void limiters.acquire('DescribeTasks').then(() => tasks++);
    for (let i = 0; i < 25; i++) void limiters.acquire('DescribeVpcs').then(() => vpcs++);
    await settle();
    assert.equal(tasks, 20);
    assert.equal(vpcs, 25);
    await clock.advance(WINDOW_MS);
    assert.equal(tasks, 25);
  });

  it('holds a reservation for the server\'s own window after its answer, not the departure slack on top', async () => {
    // A reserved request reached the server before its answer came back: one server window after the answer it can
    // no longer be counted there. Holding it longer paced back-to-back loads the documented limit allows.
    const clock = new FakeClock();
    const limiters = new ActionRateLimiters({ DescribeReadOnlyGroups: 1 }, clock);
    const answered = await limiters.reserve('DescribeReadOnlyGroups');
    await clock.advance(100);
    answered();
    let next = false;
    void limiters.reserve('DescribeReadOnlyGroups').then(() => (next = true));
    await clock.advance(SERVER_WINDOW_MS - 1);
    assert.equal(next, false);
    await clock.advance(1);
    assert.equal(next, true, 'granted one server window after the answer');
    assert.ok(WINDOW_MS > SERVER_WINDOW_MS, 'plain grants keep their slack');
  });

  it('lets a configuration override a limit', () => {
    const limiters = new ActionRateLimiters({ DescribeTasks: 5 }, new FakeClock());
    assert.equal(limiters.limitFor('DescribeTasks'), 5);
    assert.equal(limiters.limitFor('SomethingElse'), 20);
  });
});
