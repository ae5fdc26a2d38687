/**
 * Starts the group loads of one page of primaries per turn of the event loop, in the order the pages arrived.
 *
 * Sending a request costs the client about a millisecond of CPU, spent in promise callbacks that run back to back.
 * When every region's first page arrives at about the same time, starting all their group loads at once keeps the
 * event loop sending for hundreds of milliseconds, and the first region's answers, back long before, are read only
 * after the last region's requests have left. One page per turn lets the loop read the answers that are in between
 * two pages, so the first region's rows are ready when its answers are, not when everybody's requests are sent.
 */
export class PageTurns {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** @param nextTurn runs its callback on a later turn of the event loop, after the I/O already due. */
  constructor(private readonly nextTurn: (callback: () => void) => void = setImmediate) {}

  /** Runs `start` on its turn. */
  run(start: () => void): void {
    this.waiting.push(start);
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextTurn(this.take);
  }

  private readonly take = (): void => {
    this.waiting.shift()?.();
    if (this.waiting.length === 0) {
      this.scheduled = false;
      return;
    }
    this.nextTurn(this.take);
  };
}
