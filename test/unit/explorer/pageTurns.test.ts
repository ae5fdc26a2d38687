import assert from 'node:assert/strict';
import { PageTurns } from '../../../src/explorer/pageTurns';

/** A hand-cranked event loop: each `turn()` runs what was scheduled before it. */
function handLoop() {
  const scheduled: Array<() => void> = [];
  return {
    nextTurn: (callback: () => void): void => void scheduled.push(callback),
    turn: (): void => {
      for (const callback of scheduled.splice(0)) callback();
    },
    pending: (): number => scheduled.length,
  };
}

describe('PageTurns', () => {
  it('starts one page per turn, in the order the pages arrived', () => {
    const loop = handLoop();
    const turns = new PageTurns(loop.nextTurn);
    const started: string[] = [];
    for (const region of ['guangzhou', 'shanghai', 'beijing']) turns.run(() => started.push(region));
    assert.deepEqual(started, [], 'nothing starts in the turn the pages arrived in');
    assert.equal(loop.pending(), 1, 'one turn asked for, however many pages wait');
    loop.turn();
    assert.deepEqual(started, ['guangzhou']);
    loop.turn();
    assert.deepEqual(started, ['guangzhou', 'shanghai']);
    loop.turn();
    assert.deepEqual(started, ['guangzhou', 'shanghai', 'beijing']);
    assert.equal(loop.pending(), 0, 'no turn asked for once every page has started');
  });

  it('takes a page that arrives while others wait at the back of the queue, and starts again after going idle', () => {
    const loop = handLoop();
    const turns = new PageTurns(loop.nextTurn);
    const started: number[] = [];
    turns.run(() => {
      started.push(1);
      turns.run(() => started.push(3));
    });
    turns.run(() => started.push(2));
    loop.turn();
    loop.turn();
    loop.turn();
    assert.deepEqual(started, [1, 2, 3]);
    turns.run(() => started.push(4));
    assert.equal(loop.pending(), 1);
    loop.turn();
    assert.deepEqual(started, [1, 2, 3, 4]);
  });
});
