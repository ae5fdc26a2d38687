/** What the extension-host part of the bench hands back to the runner (no VS Code import: the runner loads it). */
export const resultFileVariable = 'TENCENTDB_PG_BENCH_HOST_RESULT';
export const refreshesVariable = 'TENCENTDB_PG_BENCH_REFRESHES';

export interface HostResult {
  readonly alreadyActive: boolean;
  readonly activationMs: number;
  /** Within it: from the start until the bundle's modules were evaluated (the host finding and loading it). */
  readonly loadMs: number;
  /** Within loadMs: from the bundle's first statement until its modules were evaluated (ours). */
  readonly evaluateMs: number | undefined;
  /** Within it: from the evaluation to the call of activate() (the host preparing the extension's context). */
  readonly contextMs: number;
  /** Within it: activate() itself. */
  readonly activateMs: number;
  /** From the start of activation until the stored credentials are read and the client is set up. */
  readonly readyMs: number;
  readonly refreshes: number;
  readonly groupsPerRefresh: number;
  readonly heapAfterFirstMB: number;
  readonly heapAfterLastMB: number;
  readonly rssAfterFirstMB: number;
  /** After 20 refreshes: the host's growth should have levelled off by then. */
  readonly rssAfterTwentyMB: number;
  readonly rssAfterLastMB: number;
  /** The same host left idle (extension active, not exercised) before the refreshes: RSS at the start and end. */
  readonly idleSeconds: number;
  readonly idleRssStartMB: number;
  readonly idleRssEndMB: number;
  /** TCP sockets open in the host after the last refresh (ours and everyone else's). */
  readonly tcpSocketsAfterLast: number;
  readonly refreshMsMedian: number;
}
