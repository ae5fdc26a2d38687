/** Sliding one-second windows of accepted calls, per action and SecretId. */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly monotonicMs: () => number = () => performance.now()) {}

  /** Records the call and returns true if it fits within `perSecond` calls over the last second. */
  tryAcquire(key: string, perSecond: number): boolean {
    const now = this.monotonicMs();
    const window = this.windows.get(key) ?? [];
    let expired = 0;
    while (expired < window.length && window[expired] <= now - 1000) expired++;
    if (expired > 0) window.splice(0, expired);
    if (window.length >= perSecond) {
      this.windows.set(key, window);
      return false;
    }
    window.push(now);
    this.windows.set(key, window);
    return true;
  }

  reset(): void {
    this.windows.clear();
  }
}
