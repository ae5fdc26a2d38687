/**
 * Lets the requests that the rate limits release together go out one per turn of the event loop.
 *
 * Preparing a request (the SDK builds, serialises and signs it) costs up to a millisecond of CPU. A page of 100
 * primaries releases 100 group reads at once, and sending them in one go would hold the extension host, which
 * every other extension shares, for as long. One send per turn lets timers, I/O (the answers among them) and the
 * other extensions run in between; a turn costs microseconds when nothing else is waiting.
 */
export class SendPacer {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  /** `nextTurn` runs its callback on a later turn of the event loop (setImmediate: after the I/O waiting now). */
  constructor(private readonly nextTurn: (callback: () => void) => void = (callback) => setImmediate(callback)) {}

  /** Resolves on a turn of its own, in the order asked. */
  turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    this.nextTurn(() => {
      this.scheduled = false;
      // The caller's continuation runs in this turn's microtasks; the next one waits for the next turn.
      this.waiting.shift()?.();
      this.schedule();
    });
  }
}

/** One pacer for the whole extension host: every client's sends share its turns. */
export const hostSendPacer = new SendPacer();
