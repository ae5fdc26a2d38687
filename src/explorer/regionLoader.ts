import type { CloudApi } from '../cloud/cloudApi';
import type { PrimaryInstance, ReadOnlyGroup } from '../domain/model';
import { PageTurns } from './pageTurns';

/**
 * The explorer's data loading, free of VS Code so that it runs (and is measured) in plain Node.
 *
 * Groups can only be listed per primary, so a naive tree pays one round trip for the primaries and then one per
 * primary the user expands. Here the groups of every primary on a page are asked for as soon as the page arrives
 * (on the page's turn of the event loop, see PageTurns), all at once: a page of primaries and all their groups take
 * two round trips. The client's per-action rate limiter (DescribeReadOnlyGroups: 1000/s) paces the burst, so no
 * throttling error reaches the wire.
 */

export type RegionLoaderApi = Pick<CloudApi, 'listPrimaryInstances' | 'listReadOnlyGroups'>;

/** A primary instance with its groups' load already under way. */
export interface LoadedPrimary {
  readonly instance: PrimaryInstance;
  /** Rejects with the CloudError of the load; never reported as unhandled while nobody awaits it. */
  readonly groups: Promise<ReadOnlyGroup[]>;
}

/** One API page of DescribeDBInstances, primaries only. */
export interface LoadedInstancePage {
  readonly primaries: readonly LoadedPrimary[];
  /** Offset of the next API page; undefined when this was the last. */
  readonly nextOffset: number | undefined;
  /** Instances of every type the API reported. */
  readonly totalCount: number;
}

export interface PrimaryPageRequest {
  readonly region: string;
  /** Where to start (0 for the first page, then the previous page's nextOffset). */
  readonly offset: number;
  /** How many primaries one page of the tree shows (the `pageSize` setting). */
  readonly pageSize: number;
  readonly signal?: AbortSignal;
}

/** An API page asked for ahead of need, by its offset. */
interface PlannedPage {
  readonly offset: number;
  readonly page: Promise<LoadedInstancePage>;
}

/** A region with many non-primary instances could need many API pages to fill one page of primaries. */
export const MAX_API_PAGES_PER_TREE_PAGE = 10;

/**
 * The API pages that make up one page of the tree: read on until `pageSize` primaries (or the end) are in, since
 * pages count every instance type (each RO instance is listed too). Once the first page has told the total and the
 * share of primaries, the further pages needed are asked for all at once rather than one after another.
 * Pages are yielded in order as they arrive, with their primaries' groups already requested.
 */
export async function* primaryPages(api: RegionLoaderApi, request: PrimaryPageRequest): AsyncGenerator<LoadedInstancePage, void, undefined> {
  const limit = request.pageSize;
  let expectedOffset: number | undefined = request.offset;
  let found = 0;
  let scanned = 0;
  let pagesRead = 0;
  let total = 0;
  let pending: PlannedPage[] = [];
  try {
    while (found < request.pageSize && expectedOffset !== undefined && pagesRead < MAX_API_PAGES_PER_TREE_PAGE) {
      if (pending.length === 0 || pending[0].offset !== expectedOffset) {
        // Nothing planned, or the list moved under us (a page came back short): plan again from where we are.
        const count = pagesRead === 0 ? 1 : Math.min(pagesToFill(request.pageSize - found, found, scanned, limit), Math.ceil((total - expectedOffset) / limit));
        pending = planPages(api, request, expectedOffset, Math.max(1, count), pagesRead);
      }
      // Never undefined: the plan above holds at least one page.
      const next = pending.shift() as PlannedPage;
      const page = await next.page;
      pagesRead++;
      found += page.primaries.length;
      scanned += (page.nextOffset ?? page.totalCount) - next.offset;
      expectedOffset = page.nextOffset;
      total = page.totalCount;
      yield page;
    }
  } finally {
    // Pages planned but not needed (or after a failure): their answers are dropped, unhandled or not.
    for (const planned of pending) planned.page.catch(() => undefined);
  }
}

/** Starts `count` consecutive API pages from `offset`, never past the per-tree-page cap. */
function planPages(
  api: RegionLoaderApi,
  request: PrimaryPageRequest,
  offset: number,
  count: number,
  pagesRead: number,
): PlannedPage[] {
  const planned: PlannedPage[] = [];
  for (let i = 0; i < Math.min(count, MAX_API_PAGES_PER_TREE_PAGE - pagesRead); i++) {
    const pageOffset = offset + i * request.pageSize;
    const page = fetchPage(api, request, pageOffset);
    page.catch(() => undefined);
    planned.push({ offset: pageOffset, page });
  }
  return planned;
}

/** How many more API pages probably hold `missing` primaries, judging by the share of primaries seen so far. */
function pagesToFill(missing: number, found: number, scanned: number, limit: number): number {
  const share = scanned > 0 ? Math.max(found, 1) / scanned : 1;
  return Math.max(1, Math.ceil(missing / share / limit));
}

/** One event loop per process, so one queue of pages for every region and every tree. */
const pageTurns = new PageTurns();

async function fetchPage(api: RegionLoaderApi, request: PrimaryPageRequest, offset: number): Promise<LoadedInstancePage> {
  const result = await api.listPrimaryInstances(request.region, { offset, limit: request.pageSize }, { signal: request.signal });
  return {
    primaries: startGroupLoadsOnTurn(api, result.instances, request.signal),
    nextOffset: result.nextOffset,
    totalCount: result.totalCount,
  };
}

/** The groups of a page's primaries, asked for together on the page's turn (see PageTurns). */
function startGroupLoadsOnTurn(api: RegionLoaderApi, instances: readonly PrimaryInstance[], signal: AbortSignal | undefined): LoadedPrimary[] {
  const starts: Array<() => void> = [];
  const primaries = instances.map((instance) => {
    const groups = new Promise<ReadOnlyGroup[]>((resolve) => starts.push(() => resolve(startGroupLoad(api, instance, signal))));
    groups.catch(() => undefined);
    return { instance, groups };
  });
  pageTurns.run(() => {
    for (const start of starts) start();
  });
  return primaries;
}

function startGroupLoad(api: RegionLoaderApi, instance: PrimaryInstance, signal: AbortSignal | undefined): Promise<ReadOnlyGroup[]> {
  const groups = api.listReadOnlyGroups(instance.region, instance.id, { signal });
  // Whoever awaits the promise sees its failure; this only keeps a load nobody awaited yet from counting as unhandled.
  groups.catch(() => undefined);
  return groups;
}
