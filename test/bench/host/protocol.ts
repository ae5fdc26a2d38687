/** What the extension-host part of the bench hands back to the runner (no VS Code import: the runner loads it). */
export const resultFileVariable = 'TENCENTDB_PG_BENCH_HOST_RESULT';
export const refreshesVariable = 'TENCENTDB_PG_BENCH_REFRESHES';

export interface HostResult {
  readonly alreadyActive: boolean;
  readonly activationMs: number;
  /** From the start of activation until the stored credentials are read and the client is set up. */
  readonly readyMs: number;
  readonly refreshes: number;
  readonly groupsPerRefresh: number;
  readonly heapAfterFirstMB: number;
  readonly heapAfterLastMB: number;
  readonly rssAfterFirstMB: number;
  readonly rssAfterLastMB: number;
  readonly refreshMsMedian: number;
}
