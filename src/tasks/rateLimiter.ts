/**
 * At most `limit` calls in any window of `windowMs`: a sliding log of the last calls.
 * The tracker asks it before each call, so a hundred tasks in flight still stay under DescribeTasks' limit.
 */
export class SlidingWindowLimiter {
  private readonly calls: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a call at `now` and returns true, or returns false when the window is full. */
  tryTake(now: number): boolean {
    this.forgetBefore(now - this.windowMs);
    if (this.calls.length >= this.limit) return false;
    this.calls.push(now);
    return true;
  }

  /** The earliest time at which a call would be allowed. */
  nextFreeAt(now: number): number {
    this.forgetBefore(now - this.windowMs);
    return this.calls.length < this.limit ? now : this.calls[0] + this.windowMs;
  }

  private forgetBefore(time: number): void {
    while (this.calls.length > 0 && this.calls[0] <= time) this.calls.shift();
  }
}
