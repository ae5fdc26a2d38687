import * as assert from 'node:assert/strict';
import { SendPacer } from '../../../src/cloud/sendPacer';

/** Turns of the event loop played by hand: each `run()` is one turn. */
class ManualTurns {
  private readonly queued: Array<() => void> = [];
  readonly schedule = (callback: () => void): void => {
    this.queued.push(callback);
  };
  async run(): Promise<void> {
    const callback = this.queued.shift();
    assert.ok(callback, 'a turn was scheduled');
    callback();
    // The released caller's continuation runs in the microtasks of the same turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  get pending(): number {
    return this.queued.length;
  }
}

describe('cloud: sends released together go out one per turn of the event loop', () => {
  it('releases the callers one per turn, in the order they asked', async () => {
    const turns = new ManualTurns();
    const pacer = new SendPacer(turns.schedule);
    const sent: number[] = [];
    for (const id of [1, 2, 3]) void pacer.turn().then(() => sent.push(id));
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(sent, [], 'nothing goes out in the turn that asked');
    assert.equal(turns.pending, 1, 'one turn is asked for at a time');
    await turns.run();
    assert.deepEqual(sent, [1]);
    await turns.run();
    assert.deepEqual(sent, [1, 2]);
    await turns.run();
    assert.deepEqual(sent, [1, 2, 3]);
    assert.equal(turns.pending, 0, 'no turn is asked for when nobody waits');
  });

  it('on the real event loop, a timer due meanwhile runs between sends released together', async () => {
    const pacer = new SendPacer();
    const order: string[] = [];
    const timer = new Promise<void>((resolve) => setTimeout(() => {
      order.push('timer');
      resolve();
    }, 0));
    // 50 sends that each hold the thread for 2 ms, as preparing and signing a request does.
    const sends = Array.from({ length: 50 }, (_, index) => pacer.turn().then(() => {
      const until = performance.now() + 2;
      while (performance.now() < until) { /* busy, as a send's preparation is */ }
      order.push(`send ${index}`);
    }));
    await Promise.all([timer, ...sends]);
    const timerAt = order.indexOf('timer');
    assert.ok(timerAt >= 0 && timerAt < 10, `the timer ran after ${timerAt} of the 50 sends, not after all of them: ${order.slice(0, 12).join(', ')}`);
  });
});
